// GET /jobs/:id/status: the live status of a test job (polled by the job page).
import { withRouteAuth } from "@/app/_server/route-auth";
import { getJobStatus } from "@/lib/data/jobs";

export const dynamic = "force-dynamic";

export const GET = withRouteAuth<{ id: string }>("read", async (_req, { user, db, params }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) return Response.json({ ok: false, message: "Bad job id" }, { status: 400 });
  const status = await getJobStatus({ user, db }, id);
  if (!status) return Response.json({ ok: false, message: `Test job ${id} does not exist` }, { status: 404 });
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
});
