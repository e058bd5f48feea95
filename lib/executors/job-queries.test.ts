import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../test/temp-db";
import { decodeCursor, encodeCursor, jobFilterOptions, listTestJobs, resolveJobFile } from "./job-queries";

let temp: TempDb;

beforeAll(async () => {
  temp = await createTempDb();
  const base = Date.UTC(2026, 0, 1);
  // 130 jobs; every three share a creation time, so the keyset must break ties by id.
  await temp.db.testJob.createMany({
    data: Array.from({ length: 130 }, (_, i) => ({
      executor: i % 2 ? "aws" : "local",
      moduleName: `M${i % 4}`,
      moduleLsid: "x",
      userId: "u",
      submittedBy: i % 5 === 0 ? "carol" : "admin",
      queue: i % 3 === 0 ? "big" : "default",
      state: i % 7 === 0 ? "FAILED" : "SUCCEEDED",
      plan: "{}",
      workDir: `/j/${i}`,
      metaDir: `/j/${i}.meta`,
      createdAt: new Date(base + Math.floor(i / 3) * 1000),
    })),
  });
});
afterAll(async () => temp.cleanup());

async function walk(filters: Parameters<typeof listTestJobs>[1], pageSize: number) {
  const ids: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await listTestJobs(temp.db, filters, { cursor, pageSize });
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { ids, pages };
}

describe("listTestJobs (keyset pagination)", () => {
  it("visits every job exactly once, newest first, across pages with tied timestamps", async () => {
    const all = await temp.db.testJob.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    const { ids, pages } = await walk({}, 50);
    expect(pages).toBe(3);
    expect(ids).toEqual(all.map((r) => r.id));
  });

  it("applies filters together with the cursor", async () => {
    const expected = await temp.db.testJob.findMany({
      where: { state: "SUCCEEDED", queue: "big", submittedBy: "admin" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    const { ids } = await walk({ state: "SUCCEEDED", queue: "big", submitter: "admin" }, 7);
    expect(ids).toEqual(expected.map((r) => r.id));
    const dated = await walk({ from: new Date(Date.UTC(2026, 0, 1, 0, 0, 10)), to: new Date(Date.UTC(2026, 0, 1, 0, 0, 19, 999)) }, 4);
    expect(dated.ids).toHaveLength(30);
  });

  it("round-trips cursors and rejects junk", () => {
    const c = encodeCursor({ createdAt: new Date(1234), id: 9 });
    expect(decodeCursor(c)).toEqual({ createdAt: new Date(1234), id: 9 });
    expect(decodeCursor("1; drop table")).toBeNull();
  });

  it("lists the filter menu values", async () => {
    expect(await jobFilterOptions(temp.db, 0)).toEqual({ modules: ["M0", "M1", "M2", "M3"], queues: ["big", "default"], submitters: ["admin", "carol"] });
  });
});

describe("resolveJobFile", () => {
  it("stays inside the job's dirs", () => {
    const job = { workDir: "/jobs/1", metaDir: "/jobs/1.meta" };
    expect(resolveJobFile(job, "work", "out/report.txt")).toBe("/jobs/1/out/report.txt");
    expect(resolveJobFile(job, "meta", "stdout.txt")).toBe("/jobs/1.meta/stdout.txt");
    expect(resolveJobFile(job, "work", "../1.meta/stdout.txt")).toBeNull();
    expect(resolveJobFile(job, "work", "/etc/passwd")).toBeNull();
    expect(resolveJobFile(job, "work", "")).toBeNull();
  });
});
