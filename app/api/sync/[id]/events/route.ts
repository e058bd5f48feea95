// Server-sent events for one sync run: the run's view whenever it changes, until it settles (then the stream ends).
import { withRouteAuth } from "@/app/_server/route-auth";
import { getSyncRun } from "@/lib/data/sync";
import { isSettled } from "@/lib/storage/sync/sync-runs";

export const dynamic = "force-dynamic";

const POLL_MS = 500;

export const GET = withRouteAuth<{ id: string }>("read", async (req, { user, db, params }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) return Response.json({ ok: false, code: "invalid", message: "Bad run id." }, { status: 400 });
  const first = await getSyncRun({ db, user }, id);
  if (!first) return Response.json({ ok: false, code: "not_found", message: `Sync run ${id} does not exist.` }, { status: 404 });

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let last = "";
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      req.signal.addEventListener("abort", close, { once: true });
      let view = first;
      while (!closed) {
        const text = JSON.stringify(view);
        if (text !== last) {
          controller.enqueue(encoder.encode(`event: progress\ndata: ${text}\n\n`));
          last = text;
        }
        if (isSettled(view.status)) {
          controller.enqueue(encoder.encode(`event: end\ndata: {}\n\n`));
          close();
          break;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
        const next = await getSyncRun({ db, user }, id).catch(() => null);
        if (!next) {
          close();
          break;
        }
        view = next;
      }
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" },
  });
});
