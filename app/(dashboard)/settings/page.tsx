export const metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Settings</h1>
          <p>Resolved runtime settings.</p>
        </div>
      </div>
      <div className="card muted">Coming soon.</div>
    </div>
  );
}
