// Import modules into the catalog. Every import is all or nothing, and audited.
import { requireUser } from "@/app/_server/current-user";
import { env } from "@/lib/env";
import { ModulesNav } from "../_components/modules-nav";
import { GpServerForm, TaskLibForm, UploadForm } from "./_components/import-forms";

export const metadata = { title: "Import modules" };

export default async function ImportPage() {
  await requireUser("modules.write");
  const gp = env().gp;
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Import modules</h1>
          <p>From a GP server, a taskLib folder or a module zip. A bad manifest anywhere stops the whole import.</p>
        </div>
        <ModulesNav current="import" />
      </div>
      <UploadForm />
      <TaskLibForm />
      <GpServerForm defaultUrl={gp.url ?? ""} defaultUser={gp.user ?? ""} />
    </div>
  );
}
