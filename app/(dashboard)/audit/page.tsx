import { requireUser } from "@/app/_server/current-user";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import { parseAuditFilters, type AuditFilters } from "@/lib/audit/filters";
import { listAuditActions, listAuditEvents } from "@/lib/data/audit";
import { getDb } from "@/lib/db";
import { AuditChange } from "./_components/audit-change";
import { AuditFiltersForm } from "./_components/audit-filters";
import { Pagination } from "@/components/ui/pagination";

export const metadata = { title: "Audit" };

function pageHref(filters: AuditFilters, page: number): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "target", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/audit?${query}` : "/audit";
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("read");
  const filters = parseAuditFilters(await searchParams);
  const ctx = { db: getDb(), user };
  const [result, actions] = await Promise.all([listAuditEvents(ctx, filters), listAuditActions(ctx)]);
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Audit</h1>
          <p>Every change: who, when, what and why.</p>
        </div>
      </div>
      <AuditFiltersForm filters={filters} actions={actions} />
      {result.total === 0 ? (
        <EmptyState title="No audit entries">Nothing matches these filters yet.</EmptyState>
      ) : (
        <>
          <Table label="Audit log">
            <thead>
              <tr>
                <th>When</th>
                <th>Actor</th>
                <th>Action</th>
                <th>Target</th>
                <th>Reason</th>
                <th>Change</th>
              </tr>
            </thead>
            <tbody>
              {result.events.map((event) => (
                <tr key={event.id}>
                  <td className="small">
                    <time dateTime={event.at.toISOString()}>{event.at.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
                  </td>
                  <td>{event.actorName}</td>
                  <td>
                    <span className="badge badge-info">{event.action}</span>
                  </td>
                  <td className="mono">{event.target}</td>
                  <td>{event.reason ?? <span className="muted">—</span>}</td>
                  <td>
                    <AuditChange event={event} />
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pagination page={result.page} pageSize={result.pageSize} pageCount={result.pageCount} total={result.total} hrefFor={(p) => pageHref(filters, p)} />
        </>
      )}
    </div>
  );
}
