import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { reloadGpConfig } from "./reload";

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

type Seen = { method?: string; url?: string; auth?: string; type?: string; body: string };

async function gp(status: number, answer: string): Promise<{ url: string; seen: Seen }> {
  const seen: Seen = { body: "" };
  server = http.createServer((req, res) => {
    seen.method = req.method;
    seen.url = req.url;
    seen.auth = req.headers.authorization;
    seen.type = req.headers["content-type"];
    req.on("data", (c: Buffer) => (seen.body += c.toString()));
    req.on("end", () => {
      res.statusCode = status;
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", () => resolve()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/gp`, seen };
}

describe("reloadGpConfig", () => {
  it("posts method=reloadConfigFile with basic auth and returns GP's answer", async () => {
    const { url, seen } = await gp(200, "Success!");
    const result = await reloadGpConfig({ url, user: "admin", password: "s3cret" });
    expect(result).toEqual({ ok: true, status: 200, answer: "Success!" });
    expect(seen).toEqual({
      method: "POST",
      url: "/gp/rest/JobConfiguration",
      auth: `Basic ${Buffer.from("admin:s3cret").toString("base64")}`,
      type: "application/x-www-form-urlencoded",
      body: "method=reloadConfigFile",
    });
  });

  it("reports GP's Failure! answer and HTTP errors", async () => {
    const failing = await gp(200, "Failure!");
    expect(await reloadGpConfig({ url: failing.url, user: "a", password: "b" })).toMatchObject({ ok: false, code: "refused", answer: "Failure!" });
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    const denied = await gp(401, "no");
    expect(await reloadGpConfig({ url: denied.url, user: "a", password: "b" })).toMatchObject({ ok: false, code: "http-error" });
  });

  it("says clearly when the server is down or not configured", async () => {
    const down = await reloadGpConfig({ url: "http://127.0.0.1:1", user: "a", password: "b" });
    expect(down).toMatchObject({ ok: false, code: "unreachable" });
    expect(down.ok ? "" : down.message).toContain("did not answer");
    expect(await reloadGpConfig({})).toMatchObject({ ok: false, code: "not-configured" });
  });
});
