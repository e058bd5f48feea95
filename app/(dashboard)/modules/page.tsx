export const metadata = { title: "Modules" };

export default function ModulesPage() {
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Modules</h1>
          <p>The module catalog, effective configuration and mapping forms.</p>
        </div>
      </div>
      <div className="card muted">Coming soon.</div>
    </div>
  );
}
