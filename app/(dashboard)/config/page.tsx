export const metadata = { title: "Config" };

export default function ConfigPage() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Config</h1>
          <p>Edit config_custom.yaml with live validation, history, diff and rollback.</p>
        </div>
      </div>
      <div className="card muted">Coming soon.</div>
    </div>
  );
}
