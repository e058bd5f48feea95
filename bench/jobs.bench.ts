// npm run bench:jobs — (1) server time of the jobs list page (one page of 50 plus the filter menus) with 100,000
// test jobs in a temp SQLite database, for the unfiltered first page, a deep keyset page and each filter;
// (2) the local executor's overhead per trivial job: submit → settled (stage-in, states, pull, run, push,
// stage-out, exit code) minus the time of the command itself. Targets: < 200 ms per page, < 300 ms per job.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { addShellModule, createJobFixture, createJobsTempDb, useTempDataDir, waitForJob } from "../lib/executors/test/job-fixture";

const dataDir = useTempDataDir();

const STATES = ["SUCCEEDED", "FAILED", "RUNNING", "RUNNABLE", "SUBMITTED"];
const MODULES = Array.from({ length: 40 }, (_, i) => `Module${i}`);
const QUEUES = ["gp-default", "gp-large", "gp-gpu", "gp-demo-queue"];
const USERS = ["admin", "alice", "bob", "carol", "dave"];

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeIt(fn: () => Promise<unknown>, runs = 7): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** DateTime as the Prisma SQLite adapter writes it. */
function iso(ms: number) {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}

function seedJobs(file: string, count: number) {
  const sqlite = new Database(file);
  const insert = sqlite.prepare(
    `INSERT INTO TestJob (executor, moduleName, moduleLsid, userId, submittedBy, queue, jobDefinition, externalId, state, statusReason, exitCode, plan, workDir, metaDir, createdAt, startedAt, stoppedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?)`,
  );
  const start = Date.UTC(2026, 0, 1);
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const created = start + i * 60_000;
      const state = STATES[i % STATES.length];
      insert.run(
        i % 3 === 0 ? "aws" : "local",
        MODULES[i % MODULES.length],
        `urn:lsid:bench:${i % MODULES.length}:1`,
        USERS[i % USERS.length],
        USERS[(i * 7) % USERS.length],
        QUEUES[i % QUEUES.length],
        "Demo_Generic",
        `ext-${i}`,
        state,
        "bench",
        state === "SUCCEEDED" ? 0 : state === "FAILED" ? 1 : null,
        `/jobs/${i}`,
        `/jobs/${i}.meta`,
        iso(created),
        iso(created + 1000),
        iso(created + 5000),
      );
    }
  })();
  sqlite.close();
}

async function benchList() {
  const { listTestJobs, jobFilterOptions } = await import("../lib/executors/job-queries");
  const temp = await createJobsTempDb();
  const count = 100_000;
  const t0 = performance.now();
  seedJobs(temp.file, count);
  console.log(`seeded ${count.toLocaleString()} test jobs in ${Math.round(performance.now() - t0)} ms`);
  const db = temp.db;
  // The page as it renders: one page of rows plus the filter menus (read fresh here: maxAge 0, no cache).
  const page = (filters: Parameters<typeof listTestJobs>[1], cursor?: string | null) =>
    Promise.all([listTestJobs(db, filters, { cursor, pageSize: 50 }), jobFilterOptions(db, 0)]);
  // A deep page: walk 1,000 pages in, then time the next one.
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) cursor = (await listTestJobs(db, {}, { cursor, pageSize: 50 })).nextCursor;
  const cases: [string, () => Promise<unknown>][] = [
    ["first page, no filter", () => page({})],
    ["page 1,001 (keyset cursor)", () => page({}, cursor)],
    ["state = RUNNING", () => page({ state: "RUNNING" })],
    ["module = Module7", () => page({ module: "Module7" })],
    ["executor = aws", () => page({ executor: "aws" })],
    ["queue = gp-gpu", () => page({ queue: "gp-gpu" })],
    ["submitter = carol", () => page({ submitter: "carol" })],
    ["date range (one week)", () => page({ from: new Date(Date.UTC(2026, 1, 1)), to: new Date(Date.UTC(2026, 1, 8)) })],
    ["state + module + queue", () => page({ state: "FAILED", module: "Module3", queue: "gp-large" })],
    ["rare match (state + submitter + date)", () => page({ state: "RUNNABLE", submitter: "bob", from: new Date(Date.UTC(2026, 2, 1)), to: new Date(Date.UTC(2026, 2, 3)) })],
  ];
  console.log("\njobs list page (50 rows + filter menus), median of 7, target < 200 ms:");
  let worst = 0;
  for (const [label, fn] of cases) {
    const ms = await timeIt(fn);
    worst = Math.max(worst, ms);
    console.log(`  ${label.padEnd(40)} ${ms.toFixed(1).padStart(7)} ms`);
  }
  console.log(`  worst: ${worst.toFixed(1)} ms ${worst < 200 ? "(ok)" : "(OVER TARGET)"}`);
  console.log(`  of which the filter menus (3 GROUP BYs, cached 15 s by the page): ${(await timeIt(() => jobFilterOptions(db, 0))).toFixed(1)} ms`);
  console.log(`  list query alone, worst case above: ${(await timeIt(() => listTestJobs(db, { state: "FAILED", module: "Module3", queue: "gp-large" }))).toFixed(1)} ms`);
  await temp.cleanup();
}

async function benchLocalExecutor() {
  const fx = await createJobFixture(dataDir);
  // --wal: what the same jobs cost with SQLite in WAL mode (lib/db.ts uses the default rollback journal).
  const wal = process.argv.includes("--wal");
  if (wal) {
    await fx.db.$queryRawUnsafe("PRAGMA journal_mode=WAL");
    await fx.db.$queryRawUnsafe("PRAGMA synchronous=NORMAL");
  }
  void addShellModule;
  const { submitTestJob } = await import("../lib/executors/submit-test-job");
  const actor = { id: null, username: "bench" };
  const taskLib = path.join(dataDir, "gp", "taskLib", "ShellProbe.1.99", "probe.sh");
  // The command itself, the way exec.sh runs it.
  const commandTimes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    spawnSync("sh", ["-c", `sh ${taskLib} ok bench > /dev/null`], { cwd: dataDir });
    commandTimes.push(performance.now() - t);
  }
  const command = median(commandTimes);
  const totals: number[] = [];
  const phases: Record<string, number[]> = { "plan + job row": [], "stage-in": [], "queue + pull (SUBMITTED → RUNNING)": [], "sh exec.sh (RUNNING → end)": [], "push + stage-out + exit code": [] };
  const runs = 10;
  for (let i = 0; i < runs + 1; i++) {
    const t = Date.now();
    const { jobId } = await submitTestJob(fx.db, { module: "ShellProbe", userId: "bench", params: { mode: "ok", message: `run${i}` } }, { actor });
    const job = await waitForJob(fx.db, jobId, 60_000);
    if (job.state !== "SUCCEEDED") throw new Error(`bench job ${jobId} ended ${job.state}: ${job.statusReason}`);
    if (i === 0) continue; // the first run warms up module loading
    // Timed from the job's own event timestamps, so the polling of this loop does not count.
    const at = (kind: string, state?: string) => job.events.find((e) => e.kind === kind && (state === undefined || e.state === state))!.at.getTime();
    const settled = at("settled");
    totals.push(settled - t);
    phases["plan + job row"].push(at("state", "STAGING") - t);
    phases["stage-in"].push(at("state", "SUBMITTED") - at("state", "STAGING"));
    phases["queue + pull (SUBMITTED → RUNNING)"].push(at("state", "RUNNING") - at("state", "SUBMITTED"));
    phases["sh exec.sh (RUNNING → end)"].push(at("state", "SUCCEEDED") - at("state", "RUNNING"));
    phases["push + stage-out + exit code"].push(settled - at("state", "SUCCEEDED"));
  }
  const total = median(totals);
  console.log(`\nlocal executor, trivial job (sh probe.sh ok), ${runs} runs${wal ? ", database in WAL mode" : ""}, target < 300 ms overhead:`);
  console.log(`  submit → settled, median        ${total.toFixed(1).padStart(7)} ms (min ${Math.min(...totals).toFixed(1)}, max ${Math.max(...totals).toFixed(1)})`);
  for (const [label, xs] of Object.entries(phases)) console.log(`    ${label.padEnd(36)} ${median(xs).toFixed(1).padStart(7)} ms`);
  console.log(`  the command alone, median       ${command.toFixed(1).padStart(7)} ms`);
  const overhead = total - command;
  console.log(`  overhead per job                ${overhead.toFixed(1).padStart(7)} ms ${overhead < 300 ? "(ok)" : "(OVER TARGET)"}`);
  console.log(`  (load average while measuring: ${os.loadavg().map((x) => x.toFixed(1)).join(", ")} on ${os.cpus().length} cores)`);
  await fx.cleanup();
}

await benchList();
if (!process.argv.includes("--list-only")) await benchLocalExecutor();
// Usage: npm run bench:jobs [-- --list-only | --wal]
process.exit(0);
