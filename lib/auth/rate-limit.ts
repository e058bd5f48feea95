// Login throttling: after maxAttempts failures for a key within the window (and since its last success),
// further attempts are refused until the oldest failure leaves the window.
import type { Db } from "../db";

export type LoginLimit = { maxAttempts: number; windowSeconds: number };

export type LoginBlock = { blocked: false } | { blocked: true; retryAfterSeconds: number };

export async function checkLoginAllowed(db: Db, key: string, limit: LoginLimit, now = new Date()): Promise<LoginBlock> {
  const windowStart = new Date(now.getTime() - limit.windowSeconds * 1000);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { key, success: true, createdAt: { gt: windowStart } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const since = lastSuccess && lastSuccess.createdAt > windowStart ? lastSuccess.createdAt : windowStart;
  const failures = await db.loginAttempt.findMany({
    where: { key, success: false, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    take: limit.maxAttempts,
    select: { createdAt: true },
  });
  if (failures.length < limit.maxAttempts) return { blocked: false };
  const oldestCounted = failures[failures.length - 1].createdAt;
  const retryAt = oldestCounted.getTime() + limit.windowSeconds * 1000;
  return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)) };
}

export async function recordLoginAttempt(db: Db, key: string, success: boolean, now = new Date()): Promise<void> {
  await db.loginAttempt.create({ data: { key, success, createdAt: now } });
}

export function loginKeyForUsername(username: string): string {
  return `user:${username.trim().toLowerCase()}`;
}
