import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "../auth/password";
import type { SessionUser } from "../auth/roles";
import { createSession, findSessionUser } from "../auth/sessions";
import { createTempDb, type TempDb } from "../test/temp-db";
import { listAuditEvents } from "./audit";
import { createUser, listUsers, setUserDisabled, updateUserRole } from "./users";

let t: TempDb;
let admin: SessionUser;

beforeEach(async () => {
  t = await createTempDb();
  const row = await t.db.user.create({ data: { username: "ada", role: "admin", passwordHash: "x" } });
  admin = { id: row.id, username: "ada", role: "admin" };
});
afterEach(async () => t.cleanup());

const filters = { page: 1, pageSize: 50 } as const;

describe("users data layer", () => {
  it("creates a user with a hashed password and audits it", async () => {
    const ctx = { db: t.db, user: admin };
    const bob = await createUser(ctx, { username: "bob", password: "bob-password", role: "operator" });
    expect(bob).toMatchObject({ username: "bob", role: "operator", disabled: false });
    const stored = await t.db.user.findUniqueOrThrow({ where: { id: bob.id }, select: { passwordHash: true } });
    expect(await verifyPassword("bob-password", stored.passwordHash)).toBe(true);
    const audit = await listAuditEvents(ctx, filters);
    expect(audit.events[0]).toMatchObject({ actorName: "ada", action: "user.create", target: "user:bob" });
    expect(JSON.parse(audit.events[0].after ?? "{}")).toEqual({ username: "bob", role: "operator" });
    await expect(createUser(ctx, { username: "bob", password: "whatever1", role: "viewer" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("refuses every change to non-admins", async () => {
    const viewer: SessionUser = { id: "v", username: "vic", role: "viewer" };
    const operator: SessionUser = { id: "o", username: "olga", role: "operator" };
    for (const user of [viewer, operator]) {
      const ctx = { db: t.db, user };
      await expect(listUsers(ctx)).rejects.toMatchObject({ code: "forbidden" });
      await expect(createUser(ctx, { username: "x1", password: "password1", role: "admin" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateUserRole(ctx, { userId: admin.id, role: "viewer" })).rejects.toMatchObject({ code: "forbidden" });
      await expect(setUserDisabled(ctx, { userId: admin.id, disabled: true })).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(await t.db.user.count()).toBe(1);
    expect(await t.db.auditEvent.count()).toBe(0);
  });

  it("changes roles with before/after in the audit, keeping at least one admin", async () => {
    const ctx = { db: t.db, user: admin };
    await expect(updateUserRole(ctx, { userId: admin.id, role: "viewer" })).rejects.toMatchObject({
      code: "conflict",
      message: "Cannot demote the last active admin.",
    });
    const bob = await createUser(ctx, { username: "bob", password: "bob-password", role: "viewer" });
    await updateUserRole(ctx, { userId: bob.id, role: "admin" });
    const audit = await listAuditEvents(ctx, { ...filters, action: "user.role" });
    expect(audit.total).toBe(1);
    expect(audit.events[0]).toMatchObject({ target: "user:bob", before: '{\n  "role": "viewer"\n}', after: '{\n  "role": "admin"\n}' });
    await updateUserRole(ctx, { userId: admin.id, role: "viewer" });
    expect((await listUsers({ db: t.db, user: { ...admin, id: bob.id } })).map((u) => [u.username, u.role])).toEqual([
      ["ada", "viewer"],
      ["bob", "admin"],
    ]);
  });

  it("disables a user (ending their sessions) and enables them again", async () => {
    const ctx = { db: t.db, user: admin };
    const bob = await createUser(ctx, { username: "bob", password: "bob-password", role: "operator" });
    const { token } = await createSession(t.db, bob.id, { ttlHours: 1 });
    await setUserDisabled(ctx, { userId: bob.id, disabled: true });
    expect(await findSessionUser(t.db, token)).toBeNull();
    expect(await t.db.session.count({ where: { userId: bob.id } })).toBe(0);
    await setUserDisabled(ctx, { userId: bob.id, disabled: false });
    const actions = (await listAuditEvents(ctx, filters)).events.map((e) => e.action);
    expect(actions).toEqual(["user.enable", "user.disable", "user.create"]);
    await expect(setUserDisabled(ctx, { userId: admin.id, disabled: true })).rejects.toMatchObject({ message: "You cannot disable yourself." });
    await expect(setUserDisabled(ctx, { userId: "missing", disabled: true })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("audit data layer", () => {
  it("filters by actor, action, target and date range, newest first, paginated", async () => {
    const mk = (actorName: string, action: string, target: string, at: string) =>
      t.db.auditEvent.create({ data: { actorName, action, target, at: new Date(at) } });
    await mk("ada", "user.create", "user:bob", "2026-01-01T10:00:00Z");
    await mk("bob", "config.save", "config:/a.yaml", "2026-01-02T10:00:00Z");
    await mk("ada", "config.save", "config:/a.yaml", "2026-01-03T23:59:59Z");
    await mk("ada", "user.role", "user:bob", "2026-01-04T00:00:00Z");
    const ctx = { db: t.db, user: { id: "v", username: "vic", role: "viewer" as const } };
    const ids = async (f: Partial<typeof filters> & Record<string, unknown>) =>
      (await listAuditEvents(ctx, { ...filters, ...f })).events.map((e) => `${e.actorName} ${e.action}`);
    expect(await ids({})).toEqual(["ada user.role", "ada config.save", "bob config.save", "ada user.create"]);
    expect(await ids({ actor: "bob" })).toEqual(["bob config.save"]);
    expect(await ids({ action: "user." })).toEqual(["ada user.role", "ada user.create"]);
    expect(await ids({ target: "a.yaml" })).toEqual(["ada config.save", "bob config.save"]);
    expect(await ids({ from: "2026-01-02", to: "2026-01-03" })).toEqual(["ada config.save", "bob config.save"]);
    const page2 = await listAuditEvents(ctx, { page: 2, pageSize: 3 });
    expect(page2).toMatchObject({ total: 4, page: 2, pageCount: 2 });
    expect(page2.events.map((e) => e.action)).toEqual(["user.create"]);
  });
});
