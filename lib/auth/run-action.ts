// The framework-free core of defineAction: role check, input parsing, and turning expected failures into results.
// app/_server/safe-action.ts adds the session lookup; this part is unit tested on its own.
import { z } from "zod";
import { ActionError, type ActionResult } from "../errors";
import { assertCan, type Permission, type SessionUser } from "./roles";

export type ActionDefinition<S extends z.ZodType> = { permission: Permission; schema: S };

/** FormData becomes a plain object (repeated keys become arrays) so one zod schema serves forms and calls. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export async function runAction<S extends z.ZodType, C extends { user: SessionUser }, T>(
  definition: ActionDefinition<S>,
  handler: (input: z.output<S>, context: C) => Promise<T>,
  context: Omit<C, "user"> & { user: SessionUser | null },
  rawInput: unknown,
): Promise<ActionResult<T>> {
  try {
    assertCan(context.user, definition.permission);
    const input = rawInput instanceof FormData ? formDataToObject(rawInput) : rawInput;
    const parsed = definition.schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      const first = parsed.error.issues[0];
      const where = first?.path.length ? `${first.path.join(".")}: ` : "";
      return { ok: false, code: "invalid", message: `Invalid input. ${where}${first?.message ?? ""}`.trim(), fieldErrors };
    }
    const data = await handler(parsed.data, context as C);
    return { ok: true, data };
  } catch (error) {
    if (error instanceof ActionError) {
      return {
        ok: false,
        code: error.code,
        message: error.message,
        ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
      };
    }
    throw error;
  }
}
