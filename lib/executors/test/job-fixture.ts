// Test setup shared by the executor integration tests and the benchmark: a temp data dir and database with the
// demo catalog and job definitions, the demo config, and a small shell module whose behaviour a test chooses.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "../../db";
import Database from "better-sqlite3";
import { createDb } from "../../db";
import type { TempDb } from "../../test/temp-db";
import { isSettled } from "../job-events";

/** Must run before anything calls env(): points the data dir at a fresh temp folder. */
export function useTempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gp-batch-jobs-"));
  process.env.GP_BATCH_DATA_DIR = dir;
  process.env.GP_CONFIG_FILE = path.join(dir, "config_custom.yaml");
  process.env.GP_BATCH_EXECUTOR = "local";
  return dir;
}

export const SHELL_MODULE_LSID = "urn:lsid:gp-batch-admin.test:module.analysis:00099:1";

const SHELL_MANIFEST = `name=ShellProbe
LSID=urn\\:lsid\\:gp-batch-admin.test\\:module.analysis\\:00099\\:1
commandLine=sh <libdir>probe.sh <mode> <message>
p1_name=mode
p1_optional=
p1_value=ok\\=ok;fail\\=fail;sleep\\=sleep;nap\\=nap
p1_default_value=ok
p1_TYPE=TEXT
p1_type=java.lang.String
p2_name=message
p2_optional=on
p2_default_value=
p2_TYPE=TEXT
p2_type=java.lang.String
`;

const PROBE = `#!/bin/sh
case "$1" in
  ok) echo "probe says $2"; echo "result $2" > result.txt; exit 0 ;;
  fail) echo "probe is failing: $2" >&2; exit 3 ;;
  sleep) echo "sleeping"; sleep 30; exit 0 ;;
  nap) sleep 2; echo "napped"; exit 0 ;;
esac
`;

/** Registers ShellProbe (sh probe.sh MODE MESSAGE) with its taskLib folder. */
export async function addShellModule(db: Db, dataDir: string): Promise<void> {
  const taskLib = path.join(dataDir, "gp", "taskLib", "ShellProbe.1.99");
  fs.mkdirSync(taskLib, { recursive: true });
  fs.writeFileSync(path.join(taskLib, "probe.sh"), PROBE, { mode: 0o755 });
  const module = await db.module.create({ data: { name: "ShellProbe", baseLsid: "urn:lsid:gp-batch-admin.test:module.analysis:00099" } });
  await db.moduleVersion.create({
    data: { moduleId: module.id, lsid: SHELL_MODULE_LSID, version: "1", commandLine: "sh <libdir>probe.sh <mode> <message>", manifest: SHELL_MANIFEST, source: "test", taskLibDir: taskLib },
  });
}

export type JobFixture = TempDb & { dataDir: string; configText: string };

/**
 * A temp SQLite file with the migrations applied, found from the working directory (lib/test/temp-db.ts finds them
 * through __dirname, which tsx — the benchmark runner — does not set to the file's folder).
 */
export async function createJobsTempDb(): Promise<TempDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gp-batch-jobs-db-"));
  const file = path.join(dir, "test.db");
  const migrations = path.resolve("prisma/migrations");
  const sqlite = new Database(file);
  for (const d of fs.readdirSync(migrations, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    sqlite.exec(fs.readFileSync(path.join(migrations, d, "migration.sql"), "utf8"));
  }
  sqlite.close();
  const url = `file:${file}`;
  const db = createDb(url);
  return { db, dir, file, url, cleanup: async () => { await db.$disconnect(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

/** A temp database seeded with the demo modules and job definitions, and the demo config written to the data dir. */
export async function createJobFixture(dataDir: string): Promise<JobFixture> {
  const temp = await createJobsTempDb();
  const { env } = await import("../../env");
  const { modulesSeeder } = await import("../../seed/modules");
  const { jobdefsSeeder } = await import("../../seed/jobdefs");
  await modulesSeeder.run({ db: temp.db, env: env() });
  await jobdefsSeeder.run({ db: temp.db, env: env() });
  await addShellModule(temp.db, dataDir);
  const configText = fs.readFileSync(path.resolve("demo/config_custom.yaml"), "utf8");
  fs.writeFileSync(env().configPath, configText);
  return { ...temp, dataDir, configText };
}

/** Waits until the job is terminal and its stage-out has finished. */
export async function waitForJob(db: Db, jobId: number, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = await db.testJob.findUniqueOrThrow({ where: { id: jobId }, include: { events: { orderBy: { id: "asc" } } } });
    if ((job.state === "SUCCEEDED" || job.state === "FAILED") && isSettled(job.events)) return job;
    if (Date.now() > until) throw new Error(`job ${jobId} is still ${job.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
