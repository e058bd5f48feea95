// POST /jobs/uploads (multipart, field "file"): stores an input file for a test job on this machine, under
// <gp home>/uploads/<user>/<random>/<name>, and answers its server path.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { withRouteAuth } from "@/app/_server/route-auth";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

const MAX_BYTES = 2 * 1024 * 1024 * 1024;

export const POST = withRouteAuth("jobs.submit", async (req, { user }) => {
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return Response.json({ ok: false, message: "Send the file as multipart/form-data" }, { status: 400 });
  }
  const file = form.get("file");
  if (!(file instanceof File)) return Response.json({ ok: false, message: "No file in the upload" }, { status: 400 });
  if (file.size > MAX_BYTES) return Response.json({ ok: false, message: "The file is larger than 2 GiB" }, { status: 413 });
  const name = path.basename(file.name).replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_") || "upload";
  const dir = path.join(env().gpHomeDir, "uploads", user.username.replace(/[^A-Za-z0-9._-]/g, "_"), crypto.randomUUID());
  await fs.promises.mkdir(dir, { recursive: true });
  const target = path.join(dir, name);
  await fs.promises.writeFile(target, Buffer.from(await file.arrayBuffer()));
  return Response.json({ ok: true, path: target, size: file.size, name });
});
