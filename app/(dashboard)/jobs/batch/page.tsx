// AWS Batch jobs of one queue and state, including those not started from this dashboard (ListJobs).
import Link from "next/link";
import { requireUser } from "@/app/_server/current-user";
import { getDb } from "@/lib/db";
import { listBatchQueueJobs } from "@/lib/data/jobs";
import { env } from "@/lib/env";
import { BATCH_STATES } from "@/lib/executors/types";
import { StateBadge } from "../_components/state-badge";
import { formatTime } from "../_components/format";

export const metadata = { title: "Batch queue" };

export default async function BatchQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("read");
  const sp = await searchParams;
  const queue = typeof sp.queue === "string" ? sp.queue.trim() : "";
  const status = typeof sp.status === "string" && (BATCH_STATES as readonly string[]).includes(sp.status) ? sp.status : "RUNNING";
  const result = queue ? await listBatchQueueJobs({ user, db: getDb() }, queue, status) : null;
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Batch queue</h1>
          <p>Jobs in an AWS Batch queue (ListJobs, region {env().aws.region}), whoever submitted them.</p>
        </div>
        <Link className="btn" href="/jobs">
          Test jobs
        </Link>
      </div>
      <form className="toolbar card" method="get" aria-label="Batch queue">
        <label>
          Queue <input name="queue" defaultValue={queue} aria-label="Queue name" placeholder="job queue name or ARN" />
        </label>
        <label>
          Status{" "}
          <select name="status" defaultValue={status} aria-label="Status">
            {BATCH_STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <button className="btn" type="submit">
          List jobs
        </button>
      </form>
      {result?.error ? (
        <div className="alert alert-err" role="alert">
          {result.error}
        </div>
      ) : null}
      {result && !result.error ? (
        result.rows.length === 0 ? (
          <div className="card muted">
            No {status} jobs in {queue}.
          </div>
        ) : (
          <table className="table" aria-label="Batch jobs">
            <thead>
              <tr>
                <th>Job id</th>
                <th>Name</th>
                <th>Status</th>
                <th>Created (UTC)</th>
                <th>Test job</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.jobId}>
                  <td className="mono small">{r.jobId}</td>
                  <td>{r.jobName}</td>
                  <td title={r.statusReason}>
                    <StateBadge state={r.status} />
                  </td>
                  <td className="mono small">{r.createdAt ? formatTime(new Date(r.createdAt)) : "–"}</td>
                  <td>{r.testJobId ? <Link href={`/jobs/${r.testJobId}`}>#{r.testJobId}</Link> : <span className="muted">not from here</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </div>
  );
}
