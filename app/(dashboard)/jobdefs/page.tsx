export const metadata = { title: "Job definitions" };

export default function JobdefinitionsPage() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Job definitions</h1>
          <p>AWS Batch job definitions, revisions, backups and diffs.</p>
        </div>
      </div>
      <div className="card muted">Coming soon.</div>
    </div>
  );
}
