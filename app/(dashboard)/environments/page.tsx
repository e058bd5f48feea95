export const metadata = { title: "Environments" };

export default function EnvironmentsPage() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Environments</h1>
          <p>Release channels pinning job-definition revisions and images.</p>
        </div>
      </div>
      <div className="card muted">Coming soon.</div>
    </div>
  );
}
