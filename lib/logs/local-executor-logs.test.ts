// Logs of real jobs on the local executor: a job printing 100,000 lines is readable and searchable, and the lines
// of a running job can be followed before it ends.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobFixture, useTempDataDir, waitForJob, type JobFixture } from "../executors/test/job-fixture";
import { loadJobForLogs, logSourceForJob, readWholeStream } from "./job-log-source";

const dataDir = useTempDataDir();
let fx: JobFixture;
const LSID = "urn:lsid:gp-batch-admin.test:module.analysis:00098:1";

const MANIFEST = `name=LinePrinter
LSID=urn\\:lsid\\:gp-batch-admin.test\\:module.analysis\\:00098\\:1
commandLine=sh <libdir>print.sh <mode>
p1_name=mode
p1_optional=
p1_default_value=many
p1_TYPE=TEXT
p1_type=java.lang.String
`;

const SCRIPT = `#!/bin/sh
if [ "$1" = many ]; then
  awk 'BEGIN { for (i = 1; i <= 100000; i++) { if (i == 73123) print "line " i " ERROR disk full"; else print "line " i } }'
  exit 0
fi
for i in 1 2 3; do echo "tick $i"; sleep 1; done
`;

beforeAll(async () => {
  fx = await createJobFixture(dataDir);
  const taskLib = path.join(dataDir, "gp", "taskLib", "LinePrinter.1.98");
  fs.mkdirSync(taskLib, { recursive: true });
  fs.writeFileSync(path.join(taskLib, "print.sh"), SCRIPT, { mode: 0o755 });
  const module = await fx.db.module.create({ data: { name: "LinePrinter", baseLsid: LSID.replace(/:1$/, "") } });
  await fx.db.moduleVersion.create({ data: { moduleId: module.id, lsid: LSID, version: "1", commandLine: "sh <libdir>print.sh <mode>", manifest: MANIFEST, source: "test", taskLibDir: taskLib } });
});
afterAll(async () => {
  await fx.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function submit(mode: string) {
  const { submitTestJob } = await import("../executors/submit-test-job");
  return submitTestJob(fx.db, { module: "LinePrinter", userId: "alice", params: { mode } }, { actor: { id: null, username: "tester" } });
}

async function source(jobId: number) {
  const job = await loadJobForLogs(fx.db, jobId);
  return logSourceForJob(job!, { db: fx.db, localPrefixDir: path.join(dataDir, "local") });
}

describe("local job logs", () => {
  it("reads and searches a job that printed 100,000 lines", async () => {
    const { jobId } = await submit("many");
    const job = await waitForJob(fx.db, jobId, 60_000);
    expect(job.state).toBe("SUCCEEDED");
    const logs = await source(jobId);
    const lines: string[] = [];
    for await (const chunk of readWholeStream(logs, "stdout.txt")) lines.push(...chunk.lines.map((l) => l.text));
    expect(lines).toHaveLength(100_000);
    expect(lines[0]).toBe("line 1");
    expect(lines[99_999]).toBe("line 100000");
    expect((await logs.search!("stdout.txt", "error disk")).map((l) => l.text)).toEqual(["line 73123 ERROR disk full"]);
  }, 90_000);

  it("follows a running job's lines before it ends", async () => {
    const { jobId } = await submit("slow");
    let seen: string[] = [];
    let cursor: string | undefined;
    let sawWhileRunning = false;
    const until = Date.now() + 30_000;
    while (Date.now() < until) {
      const job = await loadJobForLogs(fx.db, jobId);
      const chunk = await (await source(jobId)).read("stdout.txt", cursor);
      seen = [...seen, ...chunk.lines.map((l) => l.text)];
      cursor = chunk.cursor;
      if (job!.state === "RUNNING" && seen.length > 0) sawWhileRunning = true;
      if (chunk.complete) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(sawWhileRunning).toBe(true);
    expect(seen).toEqual(["tick 1", "tick 2", "tick 3"]);
  }, 60_000);
});
