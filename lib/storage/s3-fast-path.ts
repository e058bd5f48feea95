// A lean path for the hot, simple requests of a sync (PutObject of a small buffer, GetObject): the request signed
// with SigV4 here and sent over a keep-alive agent, skipping the SDK's per-request middleware, which costs more CPU
// than moving a small file. Anything unusual (a non-2xx answer, a socket error, missing credentials) returns null
// and the caller repeats the request through the SDK, which owns retries, redirects and error reporting.
import { createHash, createHmac } from "node:crypto";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { S3Client } from "@aws-sdk/client-s3";

type Target = { https: boolean; hostname: string; port: string; host: string; path: string; region: string };

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

export type FastGet = { body: IncomingMessage; size: number; lastModified: Date; etag?: string };

export class S3FastPath {
  private readonly agent: http.Agent;
  private readonly base: URL | null;
  private signingKey: { scope: string; secret: string; key: Buffer } | null = null;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    /** Custom endpoint (path-style addressing); undefined for AWS (virtual-hosted style). */
    endpoint: string | undefined,
    maxSockets = 128,
  ) {
    this.base = endpoint ? new URL(endpoint) : null;
    const secure = this.base ? this.base.protocol === "https:" : true;
    this.agent = secure ? new https.Agent({ keepAlive: true, maxSockets }) : new http.Agent({ keepAlive: true, maxSockets });
  }

  destroy() {
    this.agent.destroy();
  }

  /** PutObject, or UploadPart when query carries partNumber and uploadId. */
  async put(key: string, body: Buffer, query: Record<string, string> = {}): Promise<{ etag?: string } | null> {
    const res = await this.send("PUT", key, body, query);
    if (!res) return null;
    res.resume();
    if (res.statusCode !== 200) return null;
    return { etag: headerEtag(res) };
  }

  async get(key: string): Promise<FastGet | null> {
    const res = await this.send("GET", key, null);
    if (!res) return null;
    if (res.statusCode !== 200) {
      res.resume();
      return null;
    }
    const size = Number(res.headers["content-length"]);
    const lastModified = new Date(String(res.headers["last-modified"]));
    if (!Number.isFinite(size) || Number.isNaN(lastModified.getTime())) {
      res.destroy();
      return null;
    }
    return { body: res, size, lastModified, etag: headerEtag(res) };
  }

  /** One ListObjectsV2 page, parsed here (the SDK's XML deserializer is the larger cost of a no-change sync). */
  async list(prefix: string, continuationToken?: string, startAfter?: string): Promise<FastListPage | null> {
    const query: Record<string, string> = { "list-type": "2" };
    if (prefix) query.prefix = prefix;
    if (continuationToken) query["continuation-token"] = continuationToken;
    else if (startAfter) query["start-after"] = startAfter;
    const res = await this.send("GET", "", null, query);
    if (!res) return null;
    if (res.statusCode !== 200) {
      res.resume();
      return null;
    }
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of res) chunks.push(chunk as Buffer);
    } catch {
      return null;
    }
    return parseListPage(Buffer.concat(chunks).toString("utf8"));
  }

  private async target(key: string): Promise<Target> {
    const region = await this.client.config.region();
    const path = key === "" ? "/" : `/${encodeKey(key)}`;
    if (this.base) {
      const basePath = this.base.pathname.replace(/\/$/, "");
      const bucketPath = `${basePath}/${encodeURIComponent(this.bucket)}`;
      return { https: this.base.protocol === "https:", hostname: this.base.hostname, port: this.base.port, host: this.base.host, path: key === "" ? bucketPath : `${bucketPath}${path}`, region };
    }
    const dotted = this.bucket.includes(".");
    const host = dotted ? `s3.${region}.amazonaws.com` : `${this.bucket}.s3.${region}.amazonaws.com`;
    return { https: true, hostname: host, port: "", host, path: dotted ? (key === "" ? `/${this.bucket}` : `/${this.bucket}${path}`) : path, region };
  }

  private async send(method: "PUT" | "GET", key: string, body: Buffer | null, query: Record<string, string> = {}): Promise<IncomingMessage | null> {
    // Keys the URL layer could rewrite ("." / ".." / empty segments) are left to the SDK ("" is the bucket itself).
    if (key !== "" && key.split("/").some((segment) => segment === "" || segment === "." || segment === "..")) return null;
    let credentials: Credentials;
    let target: Target;
    try {
      credentials = await this.client.config.credentials();
      target = await this.target(key);
    } catch {
      return null;
    }
    const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
    const day = amzDate.slice(0, 8);
    const payloadHash = createHash("sha256").update(body ?? "").digest("hex");
    const headers: Record<string, string> = {
      host: target.host,
      "x-amz-content-sha256": payloadHash,
      "x-amz-date": amzDate,
    };
    if (credentials.sessionToken) headers["x-amz-security-token"] = credentials.sessionToken;
    if (body) headers["content-length"] = String(body.length);
    const signed = Object.keys(headers).sort();
    const canonicalHeaders = signed.map((h) => `${h}:${headers[h]!.trim()}\n`).join("");
    const canonicalQuery = Object.keys(query)
      .sort()
      .map((k) => `${encodeRfc3986(k)}=${encodeRfc3986(query[k]!)}`)
      .join("&");
    const canonical = `${method}\n${target.path}\n${canonicalQuery}\n${canonicalHeaders}\n${signed.join(";")}\n${payloadHash}`;
    const scope = `${day}/${target.region}/s3/aws4_request`;
    const toSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${createHash("sha256").update(canonical).digest("hex")}`;
    const signature = createHmac("sha256", this.keyFor(scope, credentials.secretAccessKey, day, target.region)).update(toSign).digest("hex");
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signed.join(";")}, Signature=${signature}`;

    const transport = target.https ? https : http;
    return new Promise((resolve) => {
      const requestPath = canonicalQuery ? `${target.path}?${canonicalQuery}` : target.path;
      const options = { hostname: target.hostname, port: target.port || undefined, path: requestPath, method, headers, agent: this.agent };
      const req = transport.request(options, resolve);
      req.setTimeout(60_000, () => req.destroy(new Error("timeout")));
      req.on("error", () => resolve(null));
      req.end(body ?? undefined);
    });
  }

  private keyFor(scope: string, secret: string, day: string, region: string): Buffer {
    if (this.signingKey && this.signingKey.scope === scope && this.signingKey.secret === secret) return this.signingKey.key;
    const kDate = createHmac("sha256", `AWS4${secret}`).update(day).digest();
    const kRegion = createHmac("sha256", kDate).update(region).digest();
    const kService = createHmac("sha256", kRegion).update("s3").digest();
    const key = createHmac("sha256", kService).update("aws4_request").digest();
    this.signingKey = { scope, secret, key };
    return key;
  }
}

/** SigV4's URI encoding: every byte but A-Z a-z 0-9 - _ . ~ percent-encoded. */
function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** S3's canonical URI: each key segment encoded, "/" kept. */
export function encodeKey(key: string): string {
  return key.split("/").map(encodeRfc3986).join("/");
}

function headerEtag(res: IncomingMessage): string | undefined {
  const etag = res.headers.etag;
  return typeof etag === "string" ? etag.replace(/"/g, "") : undefined;
}

export type FastListPage = {
  items: { key: string; size: number; lastModified: Date; etag?: string }[];
  isTruncated: boolean;
  nextContinuationToken?: string;
};

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : entities[e.toLowerCase()]!,
  );
}

function tag(xml: string, name: string): string | undefined {
  const open = xml.indexOf(`<${name}>`);
  if (open < 0) return undefined;
  const close = xml.indexOf(`</${name}>`, open);
  return close < 0 ? undefined : decodeXml(xml.slice(open + name.length + 2, close));
}

/** Reads a ListObjectsV2 result; null when it does not look like one (the SDK then takes over). */
export function parseListPage(xml: string): FastListPage | null {
  if (!xml.includes("<ListBucketResult")) return null;
  const items: FastListPage["items"] = [];
  let at = 0;
  for (;;) {
    const open = xml.indexOf("<Contents>", at);
    if (open < 0) break;
    const close = xml.indexOf("</Contents>", open);
    if (close < 0) return null;
    const entry = xml.slice(open + 10, close);
    at = close + 11;
    const key = tag(entry, "Key");
    const size = Number(tag(entry, "Size"));
    const lastModified = new Date(tag(entry, "LastModified") ?? "");
    if (key === undefined || !Number.isFinite(size) || Number.isNaN(lastModified.getTime())) return null;
    items.push({ key, size, lastModified, etag: tag(entry, "ETag")?.replace(/"/g, "") });
  }
  const head = xml.slice(0, xml.indexOf("<Contents>") < 0 ? xml.length : xml.indexOf("<Contents>")) + xml.slice(at);
  const isTruncated = tag(head, "IsTruncated") === "true";
  const nextContinuationToken = tag(head, "NextContinuationToken");
  if (isTruncated && !nextContinuationToken) return null;
  return { items, isTruncated, nextContinuationToken };
}
