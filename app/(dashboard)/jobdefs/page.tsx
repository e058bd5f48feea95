import Link from "next/link";
import { requireUser } from "@/app/_server/current-user";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import { can } from "@/lib/auth/roles";
import { getJobDefinitionsOverview } from "@/lib/data/jobdefs";
import { getDb } from "@/lib/db";
import { RestoreBackupForm } from "./_components/restore-backup-form";

export const metadata = { title: "Job definitions" };
export const dynamic = "force-dynamic";

export default async function JobDefinitionsPage() {
  const user = await requireUser("read");
  const overview = await getJobDefinitionsOverview({ db: getDb(), user });
  const canWrite = can(user.role, "jobdefs.write");
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Job definitions</h1>
          <p>
            {overview.source === "aws" ? "AWS Batch" : "Embedded local registry"}: every revision is backed up when you view this page and on a schedule.
          </p>
        </div>
        <div className="toolbar">
          <Link className="btn" href="/jobdefs/diff">
            Compare revisions
          </Link>
          <a className="btn" href="/jobdefs/backup" download>
            Download backup
          </a>
          {canWrite ? (
            <Link className="btn btn-primary" href="/jobdefs/wizard">
              Configure a module for AWS Batch
            </Link>
          ) : null}
        </div>
      </div>
      {overview.registryError ? <Alert tone="warn" title="Registry unavailable.">{overview.registryError}</Alert> : null}
      {overview.configMissing ? <Alert tone="warn">The config file could not be read, so module usage is not shown.</Alert> : null}
      {overview.problems.length ? (
        <Alert tone="err" title="Broken job-definition references:">
          <ul aria-label="Job-definition reference errors">
            {overview.problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {overview.names.length === 0 ? (
        <EmptyState title="No job definitions">Register one from the wizard, or restore a backup.</EmptyState>
      ) : (
        <Table label="Job definitions">
          <thead>
            <tr>
              <th>Name</th>
              <th>Latest</th>
              <th>Image</th>
              <th>vCPUs / memory</th>
              <th>Used by</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {overview.names.map((row) => (
              <tr key={row.name}>
                <td>
                  <Link href={`/jobdefs/${encodeURIComponent(row.name)}`}>{row.name}</Link>
                  <div className="muted small">
                    {row.revisionCount} revision(s), {row.activeCount} active
                  </div>
                </td>
                <td className="mono">{row.latest ? row.latest.ref : "—"}</td>
                <td className="mono">
                  {row.latest?.image ?? "—"} {row.latest?.mutableImage ? <Badge tone="warn" title="A mutable tag: the image can change under the same name">mutable tag</Badge> : null}
                </td>
                <td>{row.latest ? `${row.latest.vcpus ?? "?"} vCPU / ${row.latest.memoryMiB ?? "?"} MiB` : "—"}</td>
                <td>
                  <ul className="small" aria-label={`Users of ${row.name}`}>
                    {row.modules.map((m) => (
                      <li key={`m-${m.module}`}>
                        module <strong>{m.module}</strong>
                        {m.revision !== null ? <> pinned to <span className="mono">{m.value}</span></> : null}{" "}
                        <span className="muted">
                          ({m.source.section}, line {m.source.line})
                        </span>
                      </li>
                    ))}
                    {row.references
                      .filter((r) => !r.section.startsWith("module.properties"))
                      .map((r) => (
                        <li key={`r-${r.section}`}>
                          {r.section} <span className="muted">line {r.line}</span>
                          {r.revision !== null ? <> pins <span className="mono">{r.value}</span></> : null}
                        </li>
                      ))}
                    {row.pins.map((p) => (
                      <li key={`p-${p.environment}-${p.target}`}>
                        environment {p.environment} › {p.target} <span className="mono">{p.ref}</span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {row.problems.length ? (
                    row.problems.map((p, i) => (
                      <div key={i}>
                        <Badge tone="err" title={p.message}>
                          {p.code === "inactive-revision" ? "INACTIVE but referenced" : p.code.replace(/-/g, " ")}
                        </Badge>
                      </div>
                    ))
                  ) : row.latest ? (
                    <Badge tone="ok">ACTIVE</Badge>
                  ) : (
                    <Badge tone="warn">no active revision</Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {canWrite ? <RestoreBackupForm /> : null}
    </div>
  );
}
