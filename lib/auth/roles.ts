// Roles and what each may do. The one place that decides permissions: pages, actions, route handlers and the
// data layer all ask can() / assertCan().
import { z } from "zod";
import { ActionError } from "../errors";

export const roles = ["admin", "operator", "viewer"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const permissions = [
  "read",
  "config.write",
  "modules.write",
  "jobdefs.write",
  "environments.write",
  "jobs.submit",
  "jobs.cancel",
  "sync.run",
  "users.manage",
] as const;
export type Permission = (typeof permissions)[number];

/** The signed-in user as every layer sees it. */
export type SessionUser = { id: string; username: string; role: Role };

const grants: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(permissions),
  operator: new Set<Permission>(["read", "jobs.submit", "jobs.cancel", "sync.run"]),
  viewer: new Set<Permission>(["read"]),
};

export function isRole(value: unknown): value is Role {
  return roleSchema.safeParse(value).success;
}

export function can(role: Role | string | null | undefined, permission: Permission): boolean {
  return isRole(role) && grants[role].has(permission);
}

export const roleLabels: Record<Role, string> = {
  admin: "Admin: everything",
  operator: "Operator: submit and cancel test jobs, run syncs",
  viewer: "Viewer: read only",
};

/** Throws the refusal every caller shows when the user lacks the permission. */
export function assertCan(user: SessionUser | null | undefined, permission: Permission): asserts user is SessionUser {
  if (!user) throw new ActionError("unauthenticated", "Your session has ended. Please sign in again.");
  if (!can(user.role, permission)) {
    throw new ActionError("forbidden", `Your role (${user.role}) does not allow this (needs ${permission}).`);
  }
}
