// One test job: live status timeline, staging progress, logs, exit code, outputs, cancel and resubmit.
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/app/_server/current-user";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { getJobPlan, getJobStatus } from "@/lib/data/jobs";
import { PlanView } from "../_components/plan-view";
import { JobLive } from "./_components/job-live";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: `Job #${(await params).id}` };
}

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("read");
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const ctx = { user, db: getDb() };
  const [status, planInfo] = await Promise.all([getJobStatus(ctx, id), getJobPlan(ctx, id)]);
  if (!status) notFound();
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>
            Job #{status.id}: {status.moduleName}
          </h1>
          <p className="mono small">{status.moduleLsid}</p>
        </div>
        <Link className="btn" href="/jobs">
          All jobs
        </Link>
      </div>
      <JobLive initial={status} canCancel={can(user.role, "jobs.cancel")} canSubmit={can(user.role, "jobs.submit")} />
      {planInfo?.plan ? (
        <details className="card">
          <summary>Plan as submitted</summary>
          <PlanView plan={planInfo.plan} />
        </details>
      ) : null}
    </div>
  );
}
