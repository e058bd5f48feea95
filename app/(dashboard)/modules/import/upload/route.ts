// POST a manifest or module zip (multipart field "file"): a route handler because server actions cap bodies at 1 MB.
// Answers the same { ok, data | code, message } shape as the actions.
import { revalidatePath } from "next/cache";
import { withRouteAuth } from "@/app/_server/route-auth";
import { importModules } from "@/lib/data/modules";
import { ActionError } from "@/lib/errors";

const MAX_UPLOAD_BYTES = 300 * 1024 * 1024;

export const POST = withRouteAuth("modules.write", async (req, { db, user }) => {
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_UPLOAD_BYTES) return Response.json({ ok: false, code: "too-large", message: "The upload is larger than 300 MB." }, { status: 413 });
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return Response.json({ ok: false, code: "invalid", message: "Send the file as multipart/form-data in the field 'file'." }, { status: 400 });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return Response.json({ ok: false, code: "invalid", message: "Choose a manifest or module zip." }, { status: 400 });
  const reason = String(form.get("reason") ?? "").trim() || undefined;
  try {
    const data = await importModules({ db, user }, { kind: "upload", fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, reason);
    revalidatePath("/modules", "layout");
    return Response.json({ ok: true, data });
  } catch (error) {
    if (error instanceof ActionError) return Response.json({ ok: false, code: error.code, message: error.message }, { status: 422 });
    throw error;
  }
});
