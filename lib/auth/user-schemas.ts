// Inputs of the user-management forms and actions: one schema each, shared by the browser form and the server.
import { z } from "zod";
import { roleSchema } from "./roles";

export const usernameSchema = z
  .string()
  .trim()
  .min(2, "At least 2 characters.")
  .max(64, "At most 64 characters.")
  .regex(/^[A-Za-z0-9._@-]+$/, "Letters, digits and . _ @ - only.");

export const passwordSchema = z.string().min(8, "At least 8 characters.").max(200, "At most 200 characters.");

export const createUserSchema = z.object({ username: usernameSchema, password: passwordSchema, role: roleSchema });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserRoleSchema = z.object({ userId: z.string().min(1), role: roleSchema });
export type UpdateUserRoleInput = z.infer<typeof updateUserRoleSchema>;

export const setUserDisabledSchema = z.object({ userId: z.string().min(1), disabled: z.boolean() });
export type SetUserDisabledInput = z.infer<typeof setUserDisabledSchema>;

export const loginSchema = z.object({
  username: z.string().trim().min(1, "Enter your username."),
  password: z.string().min(1, "Enter your password."),
});
