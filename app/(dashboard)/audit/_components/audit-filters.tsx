// Filter form for the audit list: a plain GET form, so filters live in the URL and work without JavaScript.
import type { AuditFilters } from "@/lib/audit/filters";

export function AuditFiltersForm({ filters, actions }: { filters: AuditFilters; actions: string[] }) {
  return (
    <form className="card filters" method="get" aria-label="Audit filters">
      <div className="field">
        <label htmlFor="audit-actor">Actor</label>
        <input id="audit-actor" name="actor" type="search" defaultValue={filters.actor ?? ""} placeholder="username" />
      </div>
      <div className="field">
        <label htmlFor="audit-action">Action</label>
        <input id="audit-action" name="action" type="search" list="audit-actions" defaultValue={filters.action ?? ""} placeholder="e.g. user.create" />
        <datalist id="audit-actions">
          {actions.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="audit-target">Target</label>
        <input id="audit-target" name="target" type="search" defaultValue={filters.target ?? ""} placeholder="e.g. user:alice" />
      </div>
      <div className="field">
        <label htmlFor="audit-from">From</label>
        <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="audit-to">To</label>
        <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} />
      </div>
      <button type="submit" className="btn btn-primary">
        Apply filters
      </button>
      <a className="btn" href="/audit">
        Clear
      </a>
    </form>
  );
}
