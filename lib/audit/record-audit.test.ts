import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../test/temp-db";
import { auditDateRange, parseAuditFilters } from "./filters";
import { recordAudit, serializeAuditValue } from "./record-audit";

let t: TempDb;
beforeEach(async () => {
  t = await createTempDb();
});
afterEach(async () => t.cleanup());

describe("recordAudit()", () => {
  it("stores who, what, before/after as JSON, diff and reason", async () => {
    const user = await t.db.user.create({ data: { username: "ada", role: "admin", passwordHash: "x" } });
    const { id } = await recordAudit(t.db, {
      actor: { id: user.id, username: "ada" },
      action: "user.role",
      target: "user:bob",
      before: { role: "viewer" },
      after: { role: "operator" },
      reason: "  on call this week ",
    });
    const row = await t.db.auditEvent.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      actorId: user.id,
      actorName: "ada",
      action: "user.role",
      target: "user:bob",
      before: '{\n  "role": "viewer"\n}',
      after: '{\n  "role": "operator"\n}',
      diff: null,
      reason: "on call this week",
    });
    expect(row.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("keeps text as is, allows a system actor, and writes inside a transaction", async () => {
    await t.db.$transaction(async (tx) => {
      await recordAudit(tx, {
        actor: { id: null, username: "system" },
        action: "config.save",
        target: "config:/x.yaml",
        before: "a: 1\n",
        after: "a: 2\n",
        diff: "-a: 1\n+a: 2\n",
        reason: "",
      });
    });
    const row = await t.db.auditEvent.findFirstOrThrow();
    expect(row).toMatchObject({ actorId: null, actorName: "system", before: "a: 1\n", after: "a: 2\n", diff: "-a: 1\n+a: 2\n", reason: null });
  });

  it("keeps the actor's name when the user is deleted", async () => {
    const user = await t.db.user.create({ data: { username: "temp", role: "admin", passwordHash: "x" } });
    await recordAudit(t.db, { actor: user, action: "x", target: "y" });
    await t.db.user.delete({ where: { id: user.id } });
    expect(await t.db.auditEvent.findFirstOrThrow()).toMatchObject({ actorId: null, actorName: "temp" });
  });

  it("serializes values", () => {
    expect(serializeAuditValue(undefined)).toBeNull();
    expect(serializeAuditValue(null)).toBeNull();
    expect(serializeAuditValue("text")).toBe("text");
    expect(serializeAuditValue({ n: 10n })).toBe('{\n  "n": "10"\n}');
  });
});

describe("audit filters", () => {
  it("parses search params, ignoring junk", () => {
    expect(parseAuditFilters({ actor: " ada ", action: ["user.create", "x"], from: "2026-01-02", to: "not-a-date", page: "-3" })).toEqual({
      actor: "ada",
      action: "user.create",
      target: undefined,
      from: "2026-01-02",
      to: undefined,
      page: 1,
      pageSize: 50,
    });
  });

  it("treats from/to as inclusive UTC days", () => {
    expect(auditDateRange({ from: "2026-01-02", to: "2026-01-03" })).toEqual({
      gte: new Date("2026-01-02T00:00:00.000Z"),
      lt: new Date("2026-01-04T00:00:00.000Z"),
    });
  });
});
