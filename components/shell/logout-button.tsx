"use client";
// Sign out: a form posting to the logout server action.
import { useFormStatus } from "react-dom";
import { logoutAction } from "@/app/login/actions";

function SubmitButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="btn btn-small sidebar-logout" disabled={pending}>
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}

export function LogoutButton() {
  return (
    <form action={logoutAction}>
      <SubmitButton />
    </form>
  );
}
