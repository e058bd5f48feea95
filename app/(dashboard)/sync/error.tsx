"use client";

export default function SyncError({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <div className="card">
      <h2>The sync page failed to load</h2>
      <p className="muted">{error.message}</p>
      <button type="button" className="btn" onClick={reset}>
        Retry
      </button>
    </div>
  );
}
