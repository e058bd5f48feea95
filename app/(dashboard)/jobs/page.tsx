export const metadata = { title: "Jobs" };

export default function JobsPage() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Jobs</h1>
          <p>Submit test jobs and watch their status, staging and logs.</p>
        </div>
      </div>
      <div className="card muted">Coming soon.</div>
    </div>
  );
}
