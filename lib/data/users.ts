// Users: listing and admin changes (create, role, disable). Every function checks users.manage and audits changes.
import "server-only";
import { assertCan, isRole, type Role } from "../auth/roles";
import { hashPassword } from "../auth/password";
import { deleteUserSessions } from "../auth/sessions";
import type { CreateUserInput, SetUserDisabledInput, UpdateUserRoleInput } from "../auth/user-schemas";
import { recordAudit } from "../audit/record-audit";
import { ActionError } from "../errors";
import type { DataContext } from "./context";

export type UserRow = { id: string; username: string; role: Role; disabled: boolean; createdAt: Date };

const userSelect = { id: true, username: true, role: true, disabled: true, createdAt: true } as const;

function toRow(u: { id: string; username: string; role: string; disabled: boolean; createdAt: Date }): UserRow {
  return { ...u, role: isRole(u.role) ? u.role : "viewer" };
}

export async function listUsers(ctx: DataContext): Promise<UserRow[]> {
  assertCan(ctx.user, "users.manage");
  const users = await ctx.db.user.findMany({ select: userSelect, orderBy: { username: "asc" } });
  return users.map(toRow);
}

export async function createUser(ctx: DataContext, input: CreateUserInput): Promise<UserRow> {
  assertCan(ctx.user, "users.manage");
  const existing = await ctx.db.user.findUnique({ where: { username: input.username }, select: { id: true } });
  if (existing) {
    throw new ActionError("conflict", `A user named '${input.username}' already exists.`, {
      username: ["This username is taken."],
    });
  }
  const passwordHash = await hashPassword(input.password);
  const created = await ctx.db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { username: input.username, role: input.role, passwordHash },
      select: userSelect,
    });
    await recordAudit(tx, {
      actor: ctx.user,
      action: "user.create",
      target: `user:${user.username}`,
      after: { username: user.username, role: user.role },
    });
    return user;
  });
  return toRow(created);
}

async function getUserOrThrow(ctx: DataContext, userId: string) {
  const user = await ctx.db.user.findUnique({ where: { id: userId }, select: userSelect });
  if (!user) throw new ActionError("not_found", "That user no longer exists.");
  return user;
}

/** The last active admin must stay, or nobody could manage users again. */
async function assertAnotherActiveAdmin(ctx: DataContext, userId: string, what: string) {
  const others = await ctx.db.user.count({ where: { role: "admin", disabled: false, id: { not: userId } } });
  if (others === 0) throw new ActionError("conflict", `Cannot ${what} the last active admin.`);
}

export async function updateUserRole(ctx: DataContext, input: UpdateUserRoleInput): Promise<UserRow> {
  assertCan(ctx.user, "users.manage");
  const before = await getUserOrThrow(ctx, input.userId);
  if (before.role === input.role) return toRow(before);
  if (before.role === "admin") await assertAnotherActiveAdmin(ctx, before.id, "demote");
  const updated = await ctx.db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: before.id }, data: { role: input.role }, select: userSelect });
    await recordAudit(tx, {
      actor: ctx.user,
      action: "user.role",
      target: `user:${user.username}`,
      before: { role: before.role },
      after: { role: user.role },
    });
    return user;
  });
  return toRow(updated);
}

export async function setUserDisabled(ctx: DataContext, input: SetUserDisabledInput): Promise<UserRow> {
  assertCan(ctx.user, "users.manage");
  const before = await getUserOrThrow(ctx, input.userId);
  if (before.disabled === input.disabled) return toRow(before);
  if (input.disabled && before.id === ctx.user.id) throw new ActionError("conflict", "You cannot disable yourself.");
  if (input.disabled && before.role === "admin") await assertAnotherActiveAdmin(ctx, before.id, "disable");
  const updated = await ctx.db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: before.id }, data: { disabled: input.disabled }, select: userSelect });
    await recordAudit(tx, {
      actor: ctx.user,
      action: input.disabled ? "user.disable" : "user.enable",
      target: `user:${user.username}`,
      before: { disabled: before.disabled },
      after: { disabled: user.disabled },
    });
    return user;
  });
  // A disabled user is signed out everywhere at once.
  if (input.disabled) await deleteUserSessions(ctx.db, before.id);
  return toRow(updated);
}
