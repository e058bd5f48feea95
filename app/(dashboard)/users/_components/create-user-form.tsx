"use client";
// Create a user: username, initial password and role. Shows field errors and the server's refusal as returned.
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { roleLabels, roles, type Role } from "@/lib/auth/roles";
import type { ActionFailure } from "@/lib/errors";
import { createUserAction } from "../actions";

export function CreateUserForm() {
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const input = { username: String(data.get("username") ?? ""), password: String(data.get("password") ?? ""), role: String(data.get("role")) as Role };
    startTransition(async () => {
      const result = await createUserAction(input);
      if (result.ok) {
        setFailure(null);
        setCreated(result.data.username);
        form.reset();
      } else {
        setCreated(null);
        setFailure(result);
      }
    });
  }

  return (
    <form
      className="card"
      aria-label="Create user"
      onSubmit={(event) => {
        event.preventDefault();
        submit(event.currentTarget);
      }}
    >
      <h2>Create user</h2>
      {failure ? <Alert tone="err">{failure.message}</Alert> : null}
      {created ? <Alert tone="ok">Created user {created}.</Alert> : null}
      <div className="filters">
        <Field label="Username" errors={failure?.fieldErrors?.username}>
          {(props) => <input {...props} name="username" type="text" autoComplete="off" required />}
        </Field>
        <Field label="Initial password" errors={failure?.fieldErrors?.password}>
          {(props) => <input {...props} name="password" type="password" autoComplete="new-password" required minLength={8} />}
        </Field>
        <Field label="Role" errors={failure?.fieldErrors?.role}>
          {(props) => (
            <select {...props} name="role" defaultValue="viewer">
              {roles.map((role) => (
                <option key={role} value={role}>
                  {roleLabels[role]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button type="submit" variant="primary" pending={pending}>
          {pending ? "Creating…" : "Create user"}
        </Button>
      </div>
    </form>
  );
}
