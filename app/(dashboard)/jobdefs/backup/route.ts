// Downloads every job-definition revision ever seen as one JSON file (refreshing the backups first).
import { withRouteAuth } from "@/app/_server/route-auth";
import { exportJobDefinitionBackup } from "@/lib/data/jobdefs";

export const dynamic = "force-dynamic";

export const GET = withRouteAuth("read", async (_req, { user, db }) => {
  const backup = await exportJobDefinitionBackup({ db, user });
  const stamp = backup.exportedAt.replace(/[:.]/g, "-");
  return new Response(JSON.stringify(backup, null, 2) + "\n", {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="jobdefs-backup-${stamp}.json"`,
      "cache-control": "no-store",
    },
  });
});
