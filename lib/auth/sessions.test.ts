import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../test/temp-db";
import { createSession, deleteExpiredSessions, deleteSession, deleteUserSessions, findSessionUser, hashSessionToken } from "./sessions";

let t: TempDb;
let userId: string;

beforeEach(async () => {
  t = await createTempDb();
  const user = await t.db.user.create({ data: { username: "alice", role: "operator", passwordHash: "x" } });
  userId = user.id;
});
afterEach(async () => t.cleanup());

describe("sessions", () => {
  it("stores only the sha256 of the token and finds the user by the token", async () => {
    const { token, expiresAt } = await createSession(t.db, userId, { ttlHours: 12, now: new Date("2026-01-01T00:00:00Z") });
    expect(expiresAt.toISOString()).toBe("2026-01-01T12:00:00.000Z");
    const rows = await t.db.session.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0].id).toBe(hashSessionToken(token));
    expect(rows[0].id).not.toContain(token);
    expect(await findSessionUser(t.db, token, new Date("2026-01-01T11:59:59Z"))).toEqual({ id: userId, username: "alice", role: "operator" });
  });

  it("rejects unknown tokens and deletes expired sessions on sight", async () => {
    const { token } = await createSession(t.db, userId, { ttlHours: 1, now: new Date("2026-01-01T00:00:00Z") });
    expect(await findSessionUser(t.db, "not-a-token")).toBeNull();
    expect(await findSessionUser(t.db, undefined)).toBeNull();
    expect(await findSessionUser(t.db, token, new Date("2026-01-01T01:00:00Z"))).toBeNull();
    expect(await t.db.session.count()).toBe(0);
  });

  it("sees role changes at once and refuses disabled users", async () => {
    const { token } = await createSession(t.db, userId, { ttlHours: 1 });
    await t.db.user.update({ where: { id: userId }, data: { role: "viewer" } });
    expect((await findSessionUser(t.db, token))?.role).toBe("viewer");
    await t.db.user.update({ where: { id: userId }, data: { disabled: true } });
    expect(await findSessionUser(t.db, token)).toBeNull();
  });

  it("logs out one session, all of a user's, or the expired ones", async () => {
    const a = await createSession(t.db, userId, { ttlHours: 1 });
    const b = await createSession(t.db, userId, { ttlHours: 1 });
    await deleteSession(t.db, a.token);
    expect(await findSessionUser(t.db, a.token)).toBeNull();
    expect(await findSessionUser(t.db, b.token)).not.toBeNull();
    await deleteUserSessions(t.db, userId);
    expect(await t.db.session.count()).toBe(0);
    await createSession(t.db, userId, { ttlHours: 1, now: new Date("2020-01-01T00:00:00Z") });
    await createSession(t.db, userId, { ttlHours: 1 });
    expect(await deleteExpiredSessions(t.db)).toBe(1);
    expect(await t.db.session.count()).toBe(1);
  });
});
