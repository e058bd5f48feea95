// The one wrapper for server actions: session + role check, zod parsing, expected failures returned as results.
// Use it in "use server" files that export only actions: export const fooAction = defineAction({...}, async ...).
import "server-only";
import type { z } from "zod";
import { runAction, type ActionDefinition } from "@/lib/auth/run-action";
import type { SessionUser } from "@/lib/auth/roles";
import { getDb, type Db } from "@/lib/db";
import type { ActionResult } from "@/lib/errors";
import { getCurrentUser } from "./current-user";

export type { ActionResult };
export type ActionContext = { user: SessionUser; db: Db };

export function defineAction<S extends z.ZodType, T>(
  definition: ActionDefinition<S>,
  handler: (input: z.output<S>, context: ActionContext) => Promise<T>,
): (input: z.input<S> | FormData) => Promise<ActionResult<T>> {
  return async (input) => {
    const user = await getCurrentUser();
    return runAction<S, ActionContext, T>(definition, handler, { user, db: getDb() }, input);
  };
}
