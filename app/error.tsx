"use client";
// Last-resort error page for anything outside the dashboard (bugs; expected failures are returned, not thrown).
import { useEffect } from "react";

export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => console.error(error), [error]);
  return (
    <main className="center-page">
      <div className="card">
        <h1>Something went wrong</h1>
        <p className="muted">
          The page failed to load. {error.digest ? <span className="mono">Reference: {error.digest}</span> : null}
        </p>
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={reset}>
            Try again
          </button>
          <a className="btn" href="/">
            Home
          </a>
        </div>
      </div>
    </main>
  );
}
