import Link from "next/link";

export default function JobNotFound() {
  return (
    <div className="card">
      <h2>No such test job</h2>
      <p className="muted">It may have been removed, or the link is wrong.</p>
      <Link href="/jobs">All jobs</Link>
    </div>
  );
}
