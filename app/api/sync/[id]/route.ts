// One sync run as JSON (the fallback when server-sent events are not available).
import { withRouteAuth } from "@/app/_server/route-auth";
import { getSyncRun } from "@/lib/data/sync";

export const dynamic = "force-dynamic";

export const GET = withRouteAuth<{ id: string }>("read", async (_req, { user, db, params }) => {
  const id = Number(params.id);
  const run = Number.isInteger(id) && id > 0 ? await getSyncRun({ db, user }, id) : null;
  if (!run) return Response.json({ ok: false, code: "not_found", message: `Sync run ${params.id} does not exist.` }, { status: 404 });
  return Response.json(run, { headers: { "Cache-Control": "no-store" } });
});
