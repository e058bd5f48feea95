// The signed-in user for pages and layouts: getCurrentUser() once per request, requireUser() to guard a page.
import "server-only";
import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { findSessionUser } from "@/lib/auth/sessions";
import { can, type Permission, type SessionUser } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { readSessionToken } from "./session-cookie";

export type { SessionUser };

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  return findSessionUser(getDb(), await readSessionToken());
});

/** Redirects to /login when signed out; renders the 403 page (app/forbidden.tsx) when the role lacks the permission. */
export async function requireUser(permission: Permission = "read"): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, permission)) forbidden();
  return user;
}
