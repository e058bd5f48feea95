// Config history: every saved revision (who, when, why), a diff of any two, and restore.
import { requireUser } from "@/app/_server/current-user";
import { can } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { configPath, getConfigHash, listConfigRevisions } from "@/lib/data/config";
import { ConfigTabs } from "../_components/config-tabs";
import { RevisionHistory } from "../_components/revision-history";

export const metadata = { title: "Config history" };
export const dynamic = "force-dynamic";

export default async function ConfigHistoryPage() {
  const user = await requireUser("read");
  const ctx = { db: getDb(), user };
  const [revisions, current] = await Promise.all([listConfigRevisions(ctx, { take: 200 }), getConfigHash(ctx)]);
  return (
    <div>
      <div className="page-header">
        <div>
          <h1>Config history</h1>
          <p>
            Revisions of <code>{configPath()}</code>
          </p>
        </div>
        <ConfigTabs current="history" />
      </div>
      <RevisionHistory
        revisions={revisions.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))}
        currentHash={current.hash}
        canWrite={can(user.role, "config.write")}
      />
    </div>
  );
}
