"use server";
// Sign in and sign out. The only actions that run without a session; everything else goes through defineAction.
import { redirect } from "next/navigation";
import { logIn } from "@/lib/auth/login";
import { deleteSession } from "@/lib/auth/sessions";
import { loginSchema } from "@/lib/auth/user-schemas";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import type { ActionFailure } from "@/lib/errors";
import { clearSessionCookie, readSessionToken, setSessionCookie } from "@/app/_server/session-cookie";

export type LoginState = (ActionFailure & { username?: string }) | null;

/** Only same-site paths, so ?next= cannot send people elsewhere. */
function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === "string" ? value : "";
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : "/";
}

export async function loginAction(_previous: LoginState, form: FormData): Promise<LoginState> {
  const parsed = loginSchema.safeParse({ username: form.get("username") ?? "", password: form.get("password") ?? "" });
  if (!parsed.success) {
    return { ok: false, code: "invalid", message: parsed.error.issues[0]?.message ?? "Enter your username and password." };
  }
  const settings = env();
  const outcome = await logIn(getDb(), parsed.data, { limit: settings.login, ttlHours: settings.sessionTtlHours });
  if (!outcome.ok) return { ok: false, code: outcome.code, message: outcome.message, username: parsed.data.username };
  await setSessionCookie(outcome.token, outcome.expiresAt);
  redirect(safeNext(form.get("next")));
}

export async function logoutAction(): Promise<void> {
  await deleteSession(getDb(), await readSessionToken());
  await clearSessionCookie();
  redirect("/login");
}
