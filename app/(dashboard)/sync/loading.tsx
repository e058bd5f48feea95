export default function Loading() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Sync</h1>
          <p>Loading sync runs…</p>
        </div>
      </div>
      <div className="card">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="skeleton" style={{ height: 18, marginBottom: 10 }} />
        ))}
      </div>
    </div>
  );
}
