export const metadata = { title: "Audit" };

export default function AuditPage() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Audit</h1>
          <p>Every change: who, when, what and why.</p>
        </div>
      </div>
      <div className="card muted">Coming soon.</div>
    </div>
  );
}
