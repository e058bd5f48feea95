import Link from "next/link";

export const metadata = { title: "Not allowed" };

// Rendered by requireUser() (through forbidden()) when the signed-in role lacks the page's permission.
export default function Forbidden() {
  return (
    <main className="center-page">
      <div className="card">
        <h1>Not allowed</h1>
        <p className="muted">Your role does not allow this page. Ask an admin if you need access.</p>
        <Link className="btn btn-primary" href="/">
          Back to the dashboard
        </Link>
      </div>
    </main>
  );
}
