// Chooses a store from a location string: "s3://bucket/prefix" → S3, "file:/path" or a plain path → local folder.
// Also GP's key layout: a local absolute path P is stored at <aws-s3-root>P (reference §5.8).
import path from "node:path";
import { env } from "../env";
import { StorageError } from "./errors";
import { LocalFolderStore } from "./local-folder-store";
import type { ObjectStore } from "./object-store";
import { createS3Client, type S3ClientSettings } from "./s3-client";
import { S3ObjectStore, type S3StoreOptions } from "./s3-object-store";

export type StoreLocation = { store: ObjectStore; prefix: string; uri: string };

export type ParsedLocation = { kind: "s3"; bucket: string; prefix: string } | { kind: "local"; path: string };

const bucketName = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Parses "s3://bucket/prefix", "file:/path", "file:///path" or a filesystem path (resolved against cwd). */
export function parseLocation(uri: string, cwd = process.cwd()): ParsedLocation {
  const text = uri.trim();
  if (text === "") throw new StorageError("invalid-uri", "The location is empty");
  if (/^s3:\/\//i.test(text)) {
    const rest = text.slice(5);
    const slash = rest.indexOf("/");
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = slash < 0 ? "" : rest.slice(slash + 1);
    if (!bucketName.test(bucket)) throw new StorageError("invalid-uri", `"${uri}": "${bucket}" is not a valid bucket name`);
    return { kind: "s3", bucket, prefix };
  }
  if (/^file:/i.test(text)) {
    const p = text.replace(/^file:(\/\/)?/i, "");
    if (!p.startsWith("/")) throw new StorageError("invalid-uri", `"${uri}": a file: location needs an absolute path`);
    return { kind: "local", path: path.resolve(decodeURIComponent(p)) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) throw new StorageError("invalid-uri", `"${uri}": only s3:// and file: locations are supported`);
  return { kind: "local", path: path.resolve(cwd, text) };
}

export type StoreForUriOptions = { s3?: S3ClientSettings; s3Store?: S3StoreOptions };

/** The S3 store for an s3:// URI, or a local folder store (the folder is the "bucket", prefix "") otherwise. */
export function storeForUri(uri: string, options: StoreForUriOptions = {}): StoreLocation {
  const loc = parseLocation(uri);
  if (loc.kind === "local") return { store: new LocalFolderStore(loc.path), prefix: "", uri };
  const endpoint = options.s3?.endpoint ?? env().aws.endpoints.s3;
  const client = createS3Client({ ...options.s3, maxSockets: options.s3?.maxSockets ?? 128 });
  return { store: new S3ObjectStore(client, loc.bucket, { endpointLabel: endpoint, endpoint, ...options.s3Store }), prefix: loc.prefix, uri };
}

/**
 * The store behind a GP aws-s3-root. In embedded mode (local executor) "s3://bucket/prefix" is served by the folder
 * <localBucketDir>/<bucket> with the same keys, so the demo config reads exactly like a real AWS one.
 */
export function storeForRoot(awsS3Root: string, options: { embedded?: boolean } & StoreForUriOptions = {}): StoreLocation {
  const embedded = options.embedded ?? env().defaultExecutor === "local";
  const loc = parseLocation(awsS3Root);
  if (loc.kind === "s3" && embedded) {
    return { store: new LocalFolderStore(path.join(env().localBucketDir, loc.bucket), { create: true }), prefix: loc.prefix, uri: awsS3Root };
  }
  if (loc.kind === "local") return { store: new LocalFolderStore(loc.path, { create: true }), prefix: "", uri: awsS3Root };
  return storeForUri(awsS3Root, options);
}

/**
 * GP's layout: the key of local absolute path absPath under aws-s3-root, i.e. the text <aws-s3-root><absPath> read as
 * an S3 URI ("s3://b/gp" + "/opt/x" → key "gp/opt/x"; "s3://b" + "/opt/x" → "opt/x").
 */
export function keyForLocalPath(awsS3Root: string, absPath: string): string {
  if (!path.isAbsolute(absPath)) throw new StorageError("invalid-uri", `"${absPath}" is not an absolute path`);
  const loc = parseLocation(awsS3Root);
  if (loc.kind === "local") return absPath.replace(/^\/+/, "");
  const joined = `${loc.prefix}${absPath}`;
  return loc.prefix === "" ? joined.replace(/^\/+/, "") : joined;
}
