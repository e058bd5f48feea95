"use client";
// Shown inside the shell when a dashboard page throws (a bug or an unreachable backend), with a retry.
import { useRouter } from "next/navigation";
import { startTransition, useEffect } from "react";

export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  useEffect(() => console.error(error), [error]);
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Something went wrong</h1>
          <p>This page could not be shown.</p>
        </div>
      </div>
      <div className="alert alert-err" role="alert">
        {error.message && !error.digest ? error.message : "An unexpected error occurred on the server."}
        {error.digest ? <div className="mono small">Reference: {error.digest}</div> : null}
      </div>
      <button type="button" className="btn btn-primary" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
