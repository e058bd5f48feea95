// One command for a newcomer: install, migrate, seed, build and start on the embedded default (SQLite file, local
// folder store, local executor). Safe to re-run: each step is skipped or idempotent when already done.
import { ensureInstalled, ensureBuilt, run, root } from "./lib.mjs";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

ensureInstalled();
// SQLite creates the database file but not its folder.
const dataDir = path.resolve(root, process.env.GP_BATCH_DATA_DIR || "data");
fs.mkdirSync(dataDir, { recursive: true });
const dbUrl = process.env.DATABASE_URL;
if (dbUrl?.startsWith("file:")) fs.mkdirSync(path.dirname(path.resolve(root, dbUrl.slice("file:".length))), { recursive: true });
run("npx", ["prisma", "migrate", "deploy"]);
// Creates the admin at first start (ADMIN_PASSWORD, or a generated password printed once) and the demo config.
run("npx", ["tsx", "prisma/seed.ts"]);
ensureBuilt();

const port = process.env.PORT || "3000";
console.log(
  `\nGP Batch Admin is starting on http://localhost:${port}\n` +
    `Sign in as 'admin' with ADMIN_PASSWORD, or with the password printed above when the admin was first created.\n`,
);
const server = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
