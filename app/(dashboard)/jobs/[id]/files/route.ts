// GET /jobs/:id/files?where=work|meta&path=REL: downloads one output or meta file of a test job.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { withRouteAuth } from "@/app/_server/route-auth";
import { getJobStatus } from "@/lib/data/jobs";
import { resolveJobFile } from "@/lib/executors/job-queries";

export const dynamic = "force-dynamic";

export const GET = withRouteAuth<{ id: string }>("read", async (req, { user, db, params }) => {
  const id = Number(params.id);
  const url = new URL(req.url);
  const where = url.searchParams.get("where") === "meta" ? "meta" : "work";
  const rel = url.searchParams.get("path") ?? "";
  const job = Number.isInteger(id) ? await getJobStatus({ user, db }, id) : null;
  if (!job) return new Response("No such job", { status: 404 });
  const file = resolveJobFile(job, where, rel);
  const stat = file ? await fs.promises.stat(file).catch(() => null) : null;
  if (!file || !stat?.isFile()) return new Response(`No file '${rel}' in this job's ${where === "meta" ? "meta" : "working"} dir`, { status: 404 });
  const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream;
  return new Response(body, {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(stat.size),
      "Content-Disposition": `attachment; filename="${path.basename(file).replace(/["\\\r\n]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
});
