// Job logs for the log viewer: the stream list, a chunk from a cursor, a server-side search, or a download.
import { withRouteAuth } from "@/app/_server/route-auth";
import { getJobLogs } from "@/lib/data/logs";
import { readWholeStream } from "@/lib/logs/job-log-source";

export const dynamic = "force-dynamic";

export const GET = withRouteAuth<{ id: string }>("read", async (req, { db, user, params }) => {
  const id = Number.parseInt(params.id, 10);
  const logs = Number.isFinite(id) ? await getJobLogs({ db, user }, id) : null;
  if (!logs) return Response.json({ ok: false, code: "not-found", message: `No test job ${params.id}` }, { status: 404 });

  const url = new URL(req.url);
  const stream = url.searchParams.get("stream");
  if (!stream) return Response.json({ streams: await logs.source.listStreams(), running: logs.running });

  const query = url.searchParams.get("q");
  if (query !== null) return Response.json({ lines: logs.source.search ? await logs.source.search(stream, query) : [] });

  if (url.searchParams.get("download")) {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        for await (const chunk of readWholeStream(logs.source, stream)) {
          if (chunk.lines.length) controller.enqueue(encoder.encode(chunk.lines.map((l) => l.text).join("\n") + "\n"));
        }
        controller.close();
      },
    });
    const fileName = `job-${id}-${stream.replace(/[^A-Za-z0-9._-]+/g, "_")}${stream.endsWith(".txt") || stream.endsWith(".log") ? "" : ".log"}`;
    return new Response(body, {
      headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"` },
    });
  }

  return Response.json(await logs.source.read(stream, url.searchParams.get("cursor") ?? undefined));
});
