// Imports the module catalog from a running GenePattern server through its REST API:
//   GET <gp>/rest/v1/tasks/all.json?includeHidden=true   -> { all_modules: [{ lsid, name, version }] }
//   GET <gp>/rest/v1/tasks/<lsid>/manifest                -> the manifest text (newer servers)
//   GET <gp>/rest/v1/tasks/<lsid>                         -> task JSON (command_line, params, job.memory), older servers
// Credentials go as HTTP Basic auth, as `curl -u user:pass` does in GP's own examples.
import { ImportError, MAX_MANIFEST_BYTES, checkDuplicateLsids, entryFromManifest, type CatalogEntry } from "./catalog-entry";

export type GpServerOptions = {
  url: string;
  user?: string;
  password?: string;
  /** Per-request timeout; a server that hangs is reported, not waited on forever. */
  timeoutMs?: number;
  concurrency?: number;
  fetch?: typeof fetch;
};

const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

/** `https://host` and `https://host/gp/` both mean the GP web app at `https://host/gp`. */
export function gpBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new ImportError(`'${input}' is not a URL (expected e.g. https://gp.example.org/gp)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ImportError(`'${input}': only http and https GP servers are supported`);
  const pathname = url.pathname.replace(/\/+$/, "");
  url.pathname = pathname === "" ? "/gp" : pathname;
  url.search = "";
  url.hash = "";
  return url.toString().replace(/\/$/, "");
}

type Fetched = { status: number; contentType: string; text: string };

async function get(url: string, opts: GpServerOptions): Promise<Fetched> {
  const headers: Record<string, string> = { Accept: "application/json, text/plain;q=0.9, */*;q=0.1" };
  if (opts.user) headers.Authorization = `Basic ${Buffer.from(`${opts.user}:${opts.password ?? ""}`).toString("base64")}`;
  let response: Response;
  try {
    response = await (opts.fetch ?? fetch)(url, { headers, redirect: "follow", signal: AbortSignal.timeout(opts.timeoutMs ?? 20_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = (error as Error).name === "TimeoutError" ? `no answer within ${(opts.timeoutMs ?? 20_000) / 1000} s` : (cause?.code ?? cause?.message ?? (error as Error).message);
    throw new ImportError(`GP server unreachable at ${url}: ${why}`);
  }
  const length = Number(response.headers.get("content-length") ?? 0);
  if (length > MAX_RESPONSE_BYTES) throw new ImportError(`GP server answer from ${url} is too large (${length} bytes)`);
  const text = await response.text();
  if (text.length > MAX_RESPONSE_BYTES) throw new ImportError(`GP server answer from ${url} is too large`);
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", text };
}

function explainStatus(url: string, r: Fetched): ImportError {
  if (r.status === 401 || r.status === 403) return new ImportError(`GP server refused the credentials (HTTP ${r.status}) at ${url}: check the user name and password`);
  if (r.status === 404) return new ImportError(`GP server has no ${url} (HTTP 404): is this the GP web app URL, e.g. https://host/gp ?`);
  return new ImportError(`GP server answered HTTP ${r.status} at ${url}: ${r.text.slice(0, 200).trim()}`);
}

function parseJson(url: string, r: Fetched): unknown {
  try {
    return JSON.parse(r.text);
  } catch {
    const looksHtml = /^\s*</.test(r.text);
    throw new ImportError(
      `GP server answered ${url} with ${looksHtml ? "an HTML page (a login page or proxy error?)" : "something that is not JSON"}: ${r.text.slice(0, 120).trim()}`,
    );
  }
}

export type GpTaskRef = { lsid: string; name: string };

/** The task list; only LSID and name are relied on. */
export async function listGpTasks(opts: GpServerOptions): Promise<GpTaskRef[]> {
  const url = `${gpBaseUrl(opts.url)}/rest/v1/tasks/all.json?includeHidden=true`;
  const r = await get(url, opts);
  if (r.status !== 200) throw explainStatus(url, r);
  const body = parseJson(url, r) as { all_modules?: unknown };
  if (!body || typeof body !== "object" || !Array.isArray(body.all_modules)) {
    throw new ImportError(`GP server answered ${url} without an 'all_modules' list: is this a GenePattern server?`);
  }
  const tasks: GpTaskRef[] = [];
  for (const item of body.all_modules) {
    const t = item as { lsid?: unknown; name?: unknown };
    if (typeof t?.lsid === "string" && t.lsid) tasks.push({ lsid: t.lsid, name: typeof t.name === "string" ? t.name : t.lsid });
  }
  return tasks;
}

/** Java Properties.store escaping, so a manifest rebuilt from JSON reads back exactly. */
export function escapeProperty(text: string, isKey: boolean): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = ch.charCodeAt(0);
    if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\f") out += "\\f";
    else if (ch === "=" || ch === ":" || ch === "#" || ch === "!") out += `\\${ch}`;
    else if (ch === " " && (isKey || i === 0)) out += "\\ ";
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
    else out += ch;
  }
  return out;
}

export function toPropertiesText(props: Record<string, string>, header?: string): string {
  const lines = header ? [`#${header}`] : [];
  for (const [k, v] of Object.entries(props)) lines.push(`${escapeProperty(k, true)}=${escapeProperty(v, false)}`);
  return `${lines.join("\n")}\n`;
}

type TaskJson = {
  name?: unknown;
  lsid?: unknown;
  command_line?: unknown;
  description?: unknown;
  author?: unknown;
  version_comment?: unknown;
  taskType?: unknown;
  categories?: unknown;
  "job.memory"?: unknown;
  params?: unknown;
};

/** Rebuilds a manifest from the task JSON of servers without the /manifest endpoint. */
export function manifestFromTaskJson(task: TaskJson): string {
  const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));
  const props: Record<string, string> = {
    name: str(task.name),
    LSID: str(task.lsid),
    commandLine: str(task.command_line),
    description: str(task.description),
    author: str(task.author),
    version: str(task.version_comment),
    taskType: str(task.taskType),
  };
  if (Array.isArray(task.categories)) props.categories = task.categories.map(str).join(";");
  if (typeof task["job.memory"] === "string") props["job.memory"] = task["job.memory"];
  const params = Array.isArray(task.params) ? task.params : [];
  params.forEach((entry, i) => {
    const [pname, body] = Object.entries((entry ?? {}) as Record<string, { attributes?: Record<string, unknown>; description?: unknown }>)[0] ?? [];
    if (!pname) return;
    const n = `p${i + 1}_`;
    props[`${n}name`] = pname;
    if (body?.description != null) props[`${n}description`] = str(body.description);
    for (const [k, v] of Object.entries(body?.attributes ?? {})) props[`${n}${k}`] = str(v);
  });
  return toPropertiesText(props, `${props.name} (rebuilt from the GP REST task JSON)`);
}

async function fetchManifest(base: string, task: GpTaskRef, opts: GpServerOptions): Promise<string> {
  const id = encodeURIComponent(task.lsid);
  const manifestUrl = `${base}/rest/v1/tasks/${id}/manifest`;
  const m = await get(manifestUrl, opts);
  if (m.status === 200 && /(^|\n)\s*LSID\s*[=:]/.test(m.text) && !m.text.trimStart().startsWith("{")) return m.text;
  if (m.status === 401 || m.status === 403) throw explainStatus(manifestUrl, m);
  const taskUrl = `${base}/rest/v1/tasks/${id}?includeChildren=false&includeEula=false&includeSupportFiles=false&includeParamGroups=false`;
  const r = await get(taskUrl, opts);
  if (r.status !== 200) throw explainStatus(taskUrl, r);
  const json = parseJson(taskUrl, r) as TaskJson;
  if (!json || typeof json !== "object" || typeof json.lsid !== "string") throw new ImportError(`GP server answered ${taskUrl} without a task 'lsid'`);
  return manifestFromTaskJson(json);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}

/**
 * Lists all tasks and fetches each manifest (bounded concurrency). Any failure aborts the whole import with the
 * list of problems, so the catalog never holds half a server.
 */
export async function readGpServer(opts: GpServerOptions, onProgress?: (done: number, total: number) => void): Promise<CatalogEntry[]> {
  const base = gpBaseUrl(opts.url);
  const tasks = await listGpTasks(opts);
  if (tasks.length === 0) throw new ImportError(`GP server at ${base} lists no modules`);
  const problems: string[] = [];
  let done = 0;
  const entries = await mapLimit(tasks, opts.concurrency ?? 4, async (task) => {
    try {
      const text = await fetchManifest(base, task, opts);
      if (text.length > MAX_MANIFEST_BYTES) throw new ImportError(`${task.lsid}: manifest is larger than 1 MiB`);
      return entryFromManifest(text, { origin: `${task.name} (${task.lsid})`, source: `gp:${base}` });
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
      return null;
    } finally {
      onProgress?.(++done, tasks.length);
    }
  });
  if (problems.length) throw new ImportError(`${problems.length} of ${tasks.length} modules could not be read from ${base}`, problems.slice(0, 20));
  const ok = entries.filter((e): e is CatalogEntry => e !== null);
  checkDuplicateLsids(ok.map((e) => ({ lsid: e.lsid, origin: e.name })));
  return ok;
}
