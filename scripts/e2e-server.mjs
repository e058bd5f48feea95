// Starts the built app for one Playwright run on its own temporary database and data folder.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { root } from "./lib.mjs";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gp-batch-e2e-"));
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  GP_BATCH_DATA_DIR: dataDir,
  DATABASE_URL: `file:${path.join(dataDir, "gp-batch.db")}`,
  ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD || "e2e-admin-password",
  // Low enough for the throttling test to reach; attempts are counted per username, so other specs are unaffected.
  LOGIN_MAX_ATTEMPTS: "5",
};
for (const [cmd, args] of [
  ["npx", ["prisma", "migrate", "deploy"]],
  ["npx", ["tsx", "prisma/seed.ts"]],
]) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const port = process.env.E2E_PORT || "3100";
const server = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", port], { cwd: root, env, stdio: "inherit" });
const stop = () => {
  server.kill("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
};
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { stop(); process.exit(0); });
server.on("exit", (code) => { fs.rmSync(dataDir, { recursive: true, force: true }); process.exit(code ?? 0); });
