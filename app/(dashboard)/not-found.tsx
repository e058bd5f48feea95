import Link from "next/link";

export default function DashboardNotFound() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Not found</h1>
          <p>The record you asked for does not exist (or no longer does).</p>
        </div>
      </div>
      <Link className="btn" href="/config">
        Back to Config
      </Link>
    </div>
  );
}
