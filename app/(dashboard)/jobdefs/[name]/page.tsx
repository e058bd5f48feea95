import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/current-user";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Table } from "@/components/ui/table";
import { can } from "@/lib/auth/roles";
import { getJobDefinitionRevisions } from "@/lib/data/jobdefs";
import { getDb } from "@/lib/db";
import { CleanupForm } from "../_components/cleanup-form";
import { DeregisterButton, RestoreSnapshotButton } from "../_components/revision-actions";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }) {
  return { title: `Job definition ${decodeURIComponent((await params).name)}` };
}

const when = (d: Date | null) => (d ? d.toISOString().replace("T", " ").slice(0, 19) : "—");

export default async function JobDefinitionRevisionsPage({ params }: { params: Promise<{ name: string }> }) {
  const user = await requireUser("read");
  const name = decodeURIComponent((await params).name);
  const data = await getJobDefinitionRevisions({ db: getDb(), user }, name);
  if (!data) notFound();
  const canWrite = can(user.role, "jobdefs.write");
  const revs = data.revisions;
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{name}</h1>
          <p>
            <Link href="/jobdefs">Job definitions</Link> › every revision seen ({data.source === "aws" ? "AWS Batch" : "local registry"}), ACTIVE and INACTIVE.
          </p>
        </div>
        {canWrite && revs.length ? (
          <div className="toolbar">
            <Link className="btn btn-primary" href={`/jobdefs/register?base=${encodeURIComponent(revs[0].ref)}`}>
              Register a new revision
            </Link>
          </div>
        ) : null}
      </div>
      {data.registryError ? <Alert tone="warn">{data.registryError}</Alert> : null}
      {data.problems.length ? (
        <Alert tone="err" title="Broken references:">
          <ul>
            {data.problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <Table label={`Revisions of ${name}`}>
        <thead>
          <tr>
            <th>Revision</th>
            <th>Status</th>
            <th>Image</th>
            <th>vCPUs / memory</th>
            <th>Hash</th>
            <th>First / last seen</th>
            <th>Used by</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {revs.map((r, i) => {
            const older = revs[i + 1];
            const inactiveButUsed = r.status === "INACTIVE" && r.usedBy.length > 0;
            return (
              <tr key={r.revision}>
                <td className="mono">{r.ref}</td>
                <td>
                  <Badge tone={r.status === "ACTIVE" ? "ok" : "neutral"}>{r.status}</Badge>{" "}
                  {r.onlyInBackup ? <Badge tone="info" title="The registry no longer lists it; the backup keeps it">backup only</Badge> : null}
                  {inactiveButUsed ? <Badge tone="err">INACTIVE but referenced</Badge> : null}
                </td>
                <td className="mono">
                  {r.image ?? "—"} {r.mutableImage ? <Badge tone="warn">mutable tag</Badge> : null}
                </td>
                <td>
                  {r.vcpus ?? "?"} / {r.memoryMiB ?? "?"} MiB
                </td>
                <td className="mono small" title={r.hash}>
                  {r.hash.slice(0, 12)}
                </td>
                <td className="small">
                  {when(r.firstSeen)}
                  <br />
                  {when(r.lastSeen)}
                </td>
                <td className="small">{r.usedBy.length ? r.usedBy.join("; ") : <span className="muted">not referenced</span>}</td>
                <td>
                  <div className="row">
                    {older ? (
                      <Link className="btn btn-small" href={`/jobdefs/diff?a=${encodeURIComponent(older.ref)}&b=${encodeURIComponent(r.ref)}`} aria-label={`Diff ${older.ref} with ${r.ref}`}>
                        Diff with previous
                      </Link>
                    ) : null}
                    {canWrite ? (
                      <Link className="btn btn-small" href={`/jobdefs/register?base=${encodeURIComponent(r.ref)}`} aria-label={`Edit a copy of ${r.ref}`}>
                        Edit a copy
                      </Link>
                    ) : null}
                    {canWrite && r.status === "ACTIVE" && !r.onlyInBackup ? <DeregisterButton refName={r.ref} usedBy={r.usedBy} /> : null}
                    {canWrite && r.snapshotId && (r.status === "INACTIVE" || r.onlyInBackup) ? <RestoreSnapshotButton snapshotId={r.snapshotId} refName={r.ref} /> : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <CleanupForm name={name} canWrite={canWrite} />
    </div>
  );
}
