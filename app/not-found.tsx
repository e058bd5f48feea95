import Link from "next/link";

export const metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="center-page">
      <div className="card">
        <h1>Page not found</h1>
        <p className="muted">There is nothing at this address. It may have been moved or deleted.</p>
        <Link className="btn btn-primary" href="/">
          Back to the dashboard
        </Link>
      </div>
    </main>
  );
}
