"use client";
// The sign-in form: shows the wrong-password and too-many-attempts messages returned by loginAction.
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { loginAction, type LoginState } from "./actions";

export function LoginForm({ next }: { next?: string }) {
  const [state, formAction, pending] = useActionState<LoginState, FormData>(loginAction, null);
  return (
    <form action={formAction} className="stack" aria-label="Sign in">
      {state && !state.ok ? <Alert tone="err">{state.message}</Alert> : null}
      <input type="hidden" name="next" value={next ?? ""} />
      <div className="field">
        <label htmlFor="username">Username</label>
        <input id="username" name="username" type="text" autoComplete="username" required defaultValue={state?.username ?? ""} autoFocus />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
