import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../../test/temp-db";

let temp: TempDb;
let main: typeof import("../main").main;

function fakeIo() {
  const io = { stdout: "", stderr: "", out: (s: string) => void (io.stdout += s), err: (s: string) => void (io.stderr += s), isTty: false };
  return io;
}

beforeAll(async () => {
  temp = await createTempDb();
  process.env.DATABASE_URL = temp.url;
  process.env.GP_BATCH_DATA_DIR = temp.dir;
  ({ main } = await import("../main"));
});
afterAll(async () => temp.cleanup());

describe("gp-batch logs", () => {
  it("prints a finished local job's stdout, with stderr on standard error", async () => {
    const metaDir = path.join(temp.dir, "gp", "jobResults", "7.meta");
    fs.mkdirSync(metaDir, { recursive: true });
    fs.writeFileSync(path.join(metaDir, "stdout.txt"), "counted 3 words\n");
    fs.writeFileSync(path.join(metaDir, "stderr.txt"), "a warning\n");
    const job = await temp.db.testJob.create({
      data: { executor: "local", moduleName: "WordCount", moduleLsid: "urn:lsid:a:b:1:1", userId: "u", submittedBy: "admin", state: "SUCCEEDED", plan: "{}", workDir: path.join(temp.dir, "gp", "jobResults", "7"), metaDir },
    });
    await temp.db.testJobEvent.create({ data: { jobId: job.id, kind: "settled" } });
    const io = fakeIo();
    expect(await main(["logs", String(job.id)], io)).toBe(0);
    expect(io.stdout).toBe("counted 3 words\n");
    expect(io.stderr).toBe("a warning\n");

    const bad = fakeIo();
    expect(await main(["logs", String(job.id), "--attempt", "2"], bad)).toBe(1);
    expect(bad.stderr).toContain("one attempt");
  });

  it("exits 1 for an unknown job and 2 for usage errors", async () => {
    const io = fakeIo();
    expect(await main(["logs", "999"], io)).toBe(1);
    expect(io.stderr).toContain("no test job 999");
    expect(await main(["logs"], fakeIo())).toBe(2);
    expect(await main(["logs", "abc"], fakeIo())).toBe(2);
    expect(await main(["logs", "1", "--attempt", "0"], fakeIo())).toBe(2);
    expect(await main(["logs", "1", "--bogus"], fakeIo())).toBe(2);
  });
});
