"use server";
// User management actions (admins only, enforced by defineAction and again by the data layer).
import { revalidatePath } from "next/cache";
import { defineAction } from "@/app/_server/safe-action";
import { createUserSchema, setUserDisabledSchema, updateUserRoleSchema } from "@/lib/auth/user-schemas";
import { createUser, setUserDisabled, updateUserRole } from "@/lib/data/users";

export const createUserAction = defineAction({ permission: "users.manage", schema: createUserSchema }, async (input, ctx) => {
  const user = await createUser(ctx, input);
  revalidatePath("/users");
  return { id: user.id, username: user.username, role: user.role };
});

export const updateUserRoleAction = defineAction({ permission: "users.manage", schema: updateUserRoleSchema }, async (input, ctx) => {
  const user = await updateUserRole(ctx, input);
  revalidatePath("/users");
  return { id: user.id, username: user.username, role: user.role };
});

export const setUserDisabledAction = defineAction({ permission: "users.manage", schema: setUserDisabledSchema }, async (input, ctx) => {
  const user = await setUserDisabled(ctx, input);
  revalidatePath("/users");
  return { id: user.id, username: user.username, disabled: user.disabled };
});
