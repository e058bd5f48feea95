// Jobs: every test job, filtered by state/module/executor/queue/submitter/date, 50 per page (keyset pagination).
import Link from "next/link";
import { requireUser } from "@/app/_server/current-user";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { getJobFilterOptions, listJobs, type JobFilters } from "@/lib/data/jobs";
import { TEST_JOB_STATES } from "@/lib/executors/types";
import { EmptyState } from "@/components/ui/empty-state";
import { StateBadge } from "./_components/state-badge";
import { formatDuration, formatTime } from "./_components/format";

export const metadata = { title: "Jobs" };

type Search = Record<string, string | string[] | undefined>;

function one(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.trim() !== "" ? s.trim() : undefined;
}

function dateOf(v: string | undefined, endOfDay = false): Date | undefined {
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  return new Date(`${v}T${endOfDay ? "23:59:59.999" : "00:00:00.000"}Z`);
}

export default async function JobsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser("read");
  const sp = await searchParams;
  const ctx = { user, db: getDb() };
  const raw = { state: one(sp.state), module: one(sp.module), executor: one(sp.executor), queue: one(sp.queue), submitter: one(sp.submitter), from: one(sp.from), to: one(sp.to) };
  const filters: JobFilters = { ...raw, from: dateOf(raw.from), to: dateOf(raw.to, true) };
  const cursor = one(sp.cursor) ?? null;
  const [page, options] = await Promise.all([listJobs(ctx, filters, cursor), getJobFilterOptions(ctx)]);
  const keep = Object.entries(raw).filter(([, v]) => v) as [string, string][];
  const nextHref = page.nextCursor ? `/jobs?${new URLSearchParams([...keep, ["cursor", page.nextCursor]]).toString()}` : null;
  const firstHref = `/jobs?${new URLSearchParams(keep).toString()}`;

  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Jobs</h1>
          <p>Test jobs run exactly as GenePattern would run them: same S3 layout, SubmitJob request and container protocol.</p>
        </div>
        <div className="toolbar">
          <Link className="btn" href="/jobs/batch">
            Batch queue
          </Link>
          {can(user.role, "jobs.submit") ? (
            <Link className="btn btn-primary" href="/jobs/new">
              Submit test job
            </Link>
          ) : null}
        </div>
      </div>

      <form className="toolbar card" method="get" aria-label="Job filters">
        <label>
          State{" "}
          <select name="state" defaultValue={raw.state ?? ""} aria-label="State">
            <option value="">any</option>
            {TEST_JOB_STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Module{" "}
          <select name="module" defaultValue={raw.module ?? ""} aria-label="Module">
            <option value="">any</option>
            {options.modules.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Executor{" "}
          <select name="executor" defaultValue={raw.executor ?? ""} aria-label="Executor">
            <option value="">any</option>
            <option value="local">local</option>
            <option value="aws">aws</option>
          </select>
        </label>
        <label>
          Queue{" "}
          <select name="queue" defaultValue={raw.queue ?? ""} aria-label="Queue">
            <option value="">any</option>
            {options.queues.map((q) => (
              <option key={q}>{q}</option>
            ))}
          </select>
        </label>
        <label>
          Submitter{" "}
          <select name="submitter" defaultValue={raw.submitter ?? ""} aria-label="Submitter">
            <option value="">any</option>
            {options.submitters.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          From <input type="date" name="from" defaultValue={raw.from ?? ""} aria-label="From date" />
        </label>
        <label>
          To <input type="date" name="to" defaultValue={raw.to ?? ""} aria-label="To date" />
        </label>
        <button className="btn" type="submit">
          Filter
        </button>
        {keep.length > 0 ? (
          <Link className="btn" href="/jobs">
            Clear
          </Link>
        ) : null}
      </form>

      {page.rows.length === 0 ? (
        <EmptyState title={keep.length ? "No jobs match these filters" : "No test jobs yet"}>
          {keep.length ? "Change or clear the filters." : "Submit a module as a test job to check its mapping end to end."}
        </EmptyState>
      ) : (
        <table className="table" aria-label="Test jobs">
          <thead>
            <tr>
              <th>Job</th>
              <th>Module</th>
              <th>State</th>
              <th>Exit</th>
              <th>Executor</th>
              <th>Queue</th>
              <th>User</th>
              <th>Submitted by</th>
              <th>Created (UTC)</th>
              <th>Run time</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((j) => (
              <tr key={j.id}>
                <td>
                  <Link href={`/jobs/${j.id}`}>#{j.id}</Link>
                </td>
                <td>{j.moduleName}</td>
                <td title={j.statusReason ?? undefined}>
                  <StateBadge state={j.state} />
                </td>
                <td className="mono">{j.exitCode ?? "–"}</td>
                <td>{j.executor}</td>
                <td className="mono">{j.queue ?? "–"}</td>
                <td>{j.userId}</td>
                <td>{j.submittedBy}</td>
                <td className="mono small">{formatTime(j.createdAt)}</td>
                <td>{j.startedAt ? formatDuration((j.stoppedAt ?? new Date()).getTime() - j.startedAt.getTime()) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="toolbar" aria-label="Pages">
        {cursor ? (
          <Link className="btn" href={firstHref}>
            First page
          </Link>
        ) : null}
        {nextHref ? (
          <Link className="btn" href={nextHref}>
            Next page
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
