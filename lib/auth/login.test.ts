import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../test/temp-db";
import { logIn, wrongPasswordMessage } from "./login";
import { hashPassword } from "./password";
import { checkLoginAllowed, loginKeyForUsername, recordLoginAttempt } from "./rate-limit";
import { findSessionUser } from "./sessions";

let t: TempDb;
const limit = { maxAttempts: 3, windowSeconds: 300 };
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

beforeEach(async () => {
  t = await createTempDb();
  await t.db.user.create({ data: { username: "alice", role: "admin", passwordHash: await hashPassword("s3cret-pass") } });
});
afterEach(async () => t.cleanup());

describe("rate limit", () => {
  it("blocks after maxAttempts failures within the window and reports when to retry", async () => {
    const key = "user:bob";
    for (const s of [0, 10, 20]) await recordLoginAttempt(t.db, key, false, at(s));
    expect(await checkLoginAllowed(t.db, key, limit, at(30))).toEqual({ blocked: true, retryAfterSeconds: 270 });
    expect(await checkLoginAllowed(t.db, key, limit, at(301))).toEqual({ blocked: false });
    expect(await checkLoginAllowed(t.db, "user:other", limit, at(30))).toEqual({ blocked: false });
  });

  it("a success resets the count", async () => {
    const key = "user:bob";
    for (const s of [0, 10]) await recordLoginAttempt(t.db, key, false, at(s));
    await recordLoginAttempt(t.db, key, true, at(15));
    await recordLoginAttempt(t.db, key, false, at(20));
    expect(await checkLoginAllowed(t.db, key, limit, at(30))).toEqual({ blocked: false });
  });

  it("keys by case-insensitive username", () => {
    expect(loginKeyForUsername(" Alice ")).toBe("user:alice");
  });
});

describe("logIn()", () => {
  const options = { limit, ttlHours: 12 };

  it("signs in with the right password and creates a session", async () => {
    const outcome = await logIn(t.db, { username: "alice", password: "s3cret-pass" }, options);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.user).toMatchObject({ username: "alice", role: "admin" });
    expect(await findSessionUser(t.db, outcome.token)).toMatchObject({ username: "alice" });
  });

  it("gives the same message for a wrong password and an unknown user", async () => {
    const wrong = await logIn(t.db, { username: "alice", password: "nope" }, options);
    const unknown = await logIn(t.db, { username: "mallory", password: "nope" }, options);
    expect(wrong).toEqual({ ok: false, code: "invalid_credentials", message: wrongPasswordMessage });
    expect(unknown).toEqual(wrong);
  });

  it("refuses disabled users", async () => {
    await t.db.user.update({ where: { username: "alice" }, data: { disabled: true } });
    const outcome = await logIn(t.db, { username: "alice", password: "s3cret-pass" }, options);
    expect(outcome).toMatchObject({ ok: false, code: "invalid_credentials" });
  });

  it("throttles after repeated failures, even with the right password", async () => {
    for (let i = 0; i < 3; i++) await logIn(t.db, { username: "alice", password: "nope" }, { ...options, now: at(i) });
    const outcome = await logIn(t.db, { username: "alice", password: "s3cret-pass" }, { ...options, now: at(5) });
    expect(outcome).toEqual({
      ok: false,
      code: "rate_limited",
      retryAfterSeconds: 295,
      message: "Too many failed attempts. Try again in 5 minutes.",
    });
    const later = await logIn(t.db, { username: "alice", password: "s3cret-pass" }, { ...options, now: at(400) });
    expect(later.ok).toBe(true);
  });
});
