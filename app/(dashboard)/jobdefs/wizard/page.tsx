import Link from "next/link";
import { requireUser } from "@/app/_server/current-user";
import { getWizardChoices } from "@/lib/data/jobdefs";
import { getDb } from "@/lib/db";
import { ConfigureModuleWizard } from "../_components/configure-module-wizard";

export const metadata = { title: "Configure a module for AWS Batch" };
export const dynamic = "force-dynamic";

export default async function ConfigureModuleWizardPage({ searchParams }: { searchParams: Promise<{ module?: string }> }) {
  const user = await requireUser("jobdefs.write");
  const [choices, search] = await Promise.all([getWizardChoices({ db: getDb(), user }), searchParams]);
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Configure a module for AWS Batch</h1>
          <p>
            <Link href="/jobdefs">Job definitions</Link> › GenePattern&apos;s five steps in one flow. Each step shows what it will write; nothing is saved
            until you review the full config diff and the job definition.
          </p>
        </div>
      </div>
      <ConfigureModuleWizard choices={choices} defaultModule={search.module ?? ""} />
    </div>
  );
}
