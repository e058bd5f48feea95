// Checks a username and password against the database with throttling: the whole login decision, free of Next.js.
import type { Db } from "../db";
import { dummyPasswordHash, verifyPassword } from "./password";
import { checkLoginAllowed, loginKeyForUsername, recordLoginAttempt, type LoginLimit } from "./rate-limit";
import { createSession } from "./sessions";
import { isRole, type SessionUser } from "./roles";

export type LoginOutcome =
  | { ok: true; user: SessionUser; token: string; expiresAt: Date }
  | { ok: false; code: "invalid_credentials"; message: string }
  | { ok: false; code: "rate_limited"; message: string; retryAfterSeconds: number };

export const wrongPasswordMessage = "Wrong username or password.";

export async function logIn(
  db: Db,
  credentials: { username: string; password: string },
  options: { limit: LoginLimit; ttlHours: number; now?: Date },
): Promise<LoginOutcome> {
  const now = options.now ?? new Date();
  const username = credentials.username.trim();
  const key = loginKeyForUsername(username);
  const block = await checkLoginAllowed(db, key, options.limit, now);
  if (block.blocked) {
    const minutes = Math.ceil(block.retryAfterSeconds / 60);
    return {
      ok: false,
      code: "rate_limited",
      retryAfterSeconds: block.retryAfterSeconds,
      message: `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    };
  }
  const user = await db.user.findUnique({
    where: { username },
    select: { id: true, username: true, role: true, disabled: true, passwordHash: true },
  });
  // Verify even for unknown users so the response time does not reveal which usernames exist.
  const matches = await verifyPassword(credentials.password, user?.passwordHash ?? dummyPasswordHash);
  if (!user || !matches || user.disabled || !isRole(user.role)) {
    await recordLoginAttempt(db, key, false, now);
    return { ok: false, code: "invalid_credentials", message: wrongPasswordMessage };
  }
  await recordLoginAttempt(db, key, true, now);
  const session = await createSession(db, user.id, { ttlHours: options.ttlHours, now });
  return { ok: true, user: { id: user.id, username: user.username, role: user.role }, ...session };
}
