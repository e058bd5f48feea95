// Submit a test job: pick a module version, the GP user, parameters and inputs; see the plan; submit.
import Link from "next/link";
import { requireUser } from "@/app/_server/current-user";
import { getDb } from "@/lib/db";
import { listSubmittableModules } from "@/lib/data/jobs";
import { env } from "@/lib/env";
import { EmptyState } from "@/components/ui/empty-state";
import { SubmitForm } from "./_components/submit-form";

export const metadata = { title: "Submit test job" };

export default async function NewJobPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("jobs.submit");
  const sp = await searchParams;
  const modules = await listSubmittableModules({ user, db: getDb() });
  const initialModule = typeof sp.module === "string" ? sp.module : undefined;
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Submit test job</h1>
          <p>
            Runs the module as GenePattern would for the chosen user (default executor: <strong>{env().defaultExecutor}</strong>). Check the plan
            before submitting.
          </p>
        </div>
        <Link className="btn" href="/jobs">
          Back to jobs
        </Link>
      </div>
      {modules.length === 0 ? (
        <EmptyState title="The module catalog is empty" action={<Link href="/modules">Import modules</Link>}>
          Import modules first; a test job runs a catalog module.
        </EmptyState>
      ) : (
        <SubmitForm modules={modules} defaultUser={user.username} initialModule={initialModule} />
      )}
    </div>
  );
}
