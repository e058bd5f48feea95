export const metadata = { title: "Sync" };

export default function SyncPage() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Sync</h1>
          <p>Sync runs between local folders and the object store.</p>
        </div>
      </div>
      <div className="card muted">Coming soon.</div>
    </div>
  );
}
