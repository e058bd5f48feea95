// Asks a running GenePattern server to re-read its config file (reference §1.1: JobConfigurationServlet).
export type GpServer = { url?: string; user?: string; password?: string };
export type ReloadResult = { ok: true; status: number; answer: string } | { ok: false; code: "not-configured" | "unreachable" | "http-error" | "refused"; message: string; answer?: string };

/** POST <gp-url>/gp/rest/JobConfiguration with method=reloadConfigFile; GP answers "Success!" or "Failure!". */
export async function reloadGpConfig(server: GpServer, opts: { timeoutMs?: number; fetchImpl?: typeof fetch } = {}): Promise<ReloadResult> {
  if (!server.url || !server.user || !server.password) {
    return { ok: false, code: "not-configured", message: "Set GP_URL, GP_USER and GP_PASSWORD to reload the GenePattern server's config." };
  }
  const base = server.url.replace(/\/+$/, "").replace(/\/gp$/, "");
  const url = `${base}/gp/rest/JobConfiguration`;
  const doFetch = opts.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${server.user}:${server.password}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ method: "reloadConfigFile" }).toString(),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      redirect: "manual",
    });
  } catch (err) {
    const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    return { ok: false, code: "unreachable", message: `The GenePattern server at ${url} did not answer (${cause}). The file is saved; reload GP by hand.` };
  }
  const answer = (await response.text().catch(() => "")).trim();
  if (!response.ok) {
    const hint = response.status === 401 || response.status === 403 ? " Check GP_USER/GP_PASSWORD: the user must be a GP admin." : "";
    return { ok: false, code: "http-error", message: `GenePattern answered HTTP ${response.status} to the reload.${hint}`, answer };
  }
  if (/failure/i.test(answer)) {
    return { ok: false, code: "refused", message: "GenePattern could not reload the config (it answered Failure!). Check the server's log.", answer };
  }
  return { ok: true, status: response.status, answer };
}
