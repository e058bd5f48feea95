import { requireUser } from "@/app/_server/current-user";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { listSyncRuns, syncSettings } from "@/lib/data/sync";
import { StartSyncForm } from "./_components/start-sync-form";
import { SyncRunList } from "./_components/sync-run-list";

export const metadata = { title: "Sync" };
export const dynamic = "force-dynamic";

export default async function SyncPage() {
  const user = await requireUser("read");
  const runs = await listSyncRuns({ db: getDb(), user });
  const settings = syncSettings();
  const canRun = can(user.role, "sync.run");
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Sync</h1>
          <p>Sync runs between local folders and the object store, with aws s3 sync semantics and a plan first.</p>
        </div>
      </div>
      {canRun ? <StartSyncForm roots={settings.roots} embedded={settings.embedded} localBucketDir={settings.localBucketDir} /> : null}
      <SyncRunList initialRuns={runs} canRun={canRun} />
    </div>
  );
}
