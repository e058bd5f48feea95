// Database-backed sessions. The browser holds a random token in an httpOnly cookie; only its sha256 is stored,
// so a leaked database does not leak usable sessions.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import { isRole, type SessionUser } from "./roles";

export { SESSION_COOKIE } from "./session-cookie-name";

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createSession(
  db: Db,
  userId: string,
  options: { ttlHours: number; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const now = options.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + options.ttlHours * 3600_000);
  await db.session.create({ data: { id: hashSessionToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

/** The user behind a cookie token, or null when the token is unknown, expired, or the user is disabled. */
export async function findSessionUser(db: Db, token: string | undefined | null, now = new Date()): Promise<SessionUser | null> {
  if (!token) return null;
  const id = hashSessionToken(token);
  const session = await db.session.findUnique({
    where: { id },
    select: { expiresAt: true, user: { select: { id: true, username: true, role: true, disabled: true } } },
  });
  if (!session) return null;
  if (session.expiresAt.getTime() <= now.getTime()) {
    await db.session.deleteMany({ where: { id } });
    return null;
  }
  const { user } = session;
  if (user.disabled || !isRole(user.role)) return null;
  return { id: user.id, username: user.username, role: user.role };
}

export async function deleteSession(db: Db, token: string | undefined | null): Promise<void> {
  if (!token) return;
  await db.session.deleteMany({ where: { id: hashSessionToken(token) } });
}

/** Ends every session of a user (on disable or role change, so the new rights apply at once). */
export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.session.deleteMany({ where: { userId } });
}

export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
