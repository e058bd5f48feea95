"use client";
// The user list with inline role changes and disable/enable; each change is a server action and is audited.
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { roles, type Role } from "@/lib/auth/roles";
import type { ActionResult } from "@/lib/errors";
import { setUserDisabledAction, updateUserRoleAction } from "../actions";

export type UserListItem = { id: string; username: string; role: Role; disabled: boolean; createdAt: string };

export function UsersTable({ users, currentUserId }: { users: UserListItem[]; currentUserId: string }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "err"; text: string } | null>(null);

  function run<T>(action: () => Promise<ActionResult<T>>, success: string) {
    startTransition(async () => {
      const result = await action();
      setMessage(result.ok ? { tone: "ok", text: success } : { tone: "err", text: result.message });
    });
  }

  return (
    <div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Table label="Users">
        <thead>
          <tr>
            <th>Username</th>
            <th>Role</th>
            <th>Status</th>
            <th>Created</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                {user.username}
                {user.id === currentUserId ? <span className="muted small"> (you)</span> : null}
              </td>
              <td>
                <select
                  aria-label={`Role of ${user.username}`}
                  value={user.role}
                  disabled={pending}
                  onChange={(event) => {
                    const role = event.target.value as Role;
                    run(() => updateUserRoleAction({ userId: user.id, role }), `${user.username} is now ${role}.`);
                  }}
                >
                  {roles.map((role) => (
                    <option key={role} value={role}>
                      {role}
                    </option>
                  ))}
                </select>
              </td>
              <td>{user.disabled ? <Badge tone="err">disabled</Badge> : <Badge tone="ok">active</Badge>}</td>
              <td className="small muted">
                <time dateTime={user.createdAt}>{user.createdAt.replace("T", " ").slice(0, 16)} UTC</time>
              </td>
              <td>
                <Button
                  size="small"
                  variant={user.disabled ? "default" : "danger"}
                  disabled={pending || user.id === currentUserId}
                  aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.username}`}
                  onClick={() =>
                    run(
                      () => setUserDisabledAction({ userId: user.id, disabled: !user.disabled }),
                      `${user.username} is ${user.disabled ? "enabled" : "disabled"}.`,
                    )
                  }
                >
                  {user.disabled ? "Enable" : "Disable"}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
