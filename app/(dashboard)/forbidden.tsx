// Rendered inside the shell by requireUser() (forbidden()) when the role lacks the page's permission.
export default function DashboardForbidden() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Not allowed</h1>
          <p>Your role does not allow this page.</p>
        </div>
      </div>
      <div className="alert alert-warn" role="alert">
        You do not have permission to view this page. Ask an admin if you need access.
      </div>
    </div>
  );
}
