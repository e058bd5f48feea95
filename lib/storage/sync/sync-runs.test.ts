import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../../test/temp-db";
import { cancelSyncRun, getSyncRunView, listSyncRunViews, startSyncRun } from "./sync-runs";

let temp: TempDb;
let src: string;
let bucket: string;

beforeAll(async () => {
  temp = await createTempDb();
  src = fs.mkdtempSync(path.join(os.tmpdir(), "gp-syncrun-src-"));
  bucket = fs.mkdtempSync(path.join(os.tmpdir(), "gp-syncrun-bucket-"));
  for (let i = 0; i < 50; i++) fs.writeFileSync(path.join(src, `f${i}.txt`), "y".repeat(1000 + i));
});
afterAll(async () => {
  await temp?.cleanup();
  fs.rmSync(src, { recursive: true, force: true });
  fs.rmSync(bucket, { recursive: true, force: true });
});

describe("sync runs in the database", () => {
  it("records a dry run's plan without copying", async () => {
    const { runId, done } = await startSyncRun(temp.db, { source: src, destination: `file:${bucket}`, dryRun: true, startedBy: "tester" });
    const view = await done;
    expect(view).toMatchObject({ id: runId, status: "succeeded", dryRun: true, filesTotal: 50, filesDone: 0, startedBy: "tester" });
    expect(view.plan?.totals.filesToCopy).toBe(50);
    expect(fs.readdirSync(bucket)).toEqual([]);
  });

  it("runs a sync to the end with totals, progress and a job id", async () => {
    const { runId, done } = await startSyncRun(temp.db, { source: src, destination: `file:${bucket}/stage`, startedBy: "system", jobId: 7 });
    const view = await done;
    const bytes = Array.from({ length: 50 }, (_, i) => 1000 + i).reduce((a, b) => a + b, 0);
    expect(view).toMatchObject({ status: "succeeded", filesTotal: 50, filesDone: 50, bytesTotal: bytes, bytesDone: bytes, jobId: 7, eta: 0 });
    expect(view.finishedAt).not.toBeNull();
    expect(fs.readdirSync(path.join(bucket, "stage"))).toHaveLength(50);
    expect((await listSyncRunViews(temp.db, { jobId: 7 })).map((r) => r.id)).toEqual([runId]);
    expect((await getSyncRunView(temp.db, runId))?.status).toBe("succeeded");
  });

  it("stores a clear failure when the source is unusable", async () => {
    const { done } = await startSyncRun(temp.db, { source: "s3://bucket-a/b", destination: "s3://bucket-c/d", startedBy: "tester" });
    const view = await done;
    expect(view.status).toBe("failed");
    expect(view.message).toMatch(/one side must be local/);
  });

  it("cancels a running sync", async () => {
    const big = fs.mkdtempSync(path.join(os.tmpdir(), "gp-syncrun-big-"));
    for (let i = 0; i < 400; i++) fs.writeFileSync(path.join(big, `b${i}.bin`), Buffer.alloc(200_000, i));
    const { runId, done } = await startSyncRun(temp.db, { source: big, destination: `file:${bucket}/cancel`, startedBy: "tester", concurrency: 1 });
    expect(await cancelSyncRun(temp.db, runId)).toBe(true);
    const view = await done;
    expect(view.status).toBe("cancelled");
    expect(await cancelSyncRun(temp.db, runId)).toBe(false);
    fs.rmSync(big, { recursive: true, force: true });
  });
});
