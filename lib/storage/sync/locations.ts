// Turns the SRC/DST strings of a sync (CLI, Sync page, job staging) into sync locations.
import { storeForRoot, storeForUri, parseLocation, type StoreForUriOptions } from "../store-for-uri";
import { LocalFolderStore } from "../local-folder-store";
import type { SyncLocation } from "./types";

/**
 * A plain path is a local folder; "s3://bucket/prefix" a store prefix (in embedded mode the local bucket folder);
 * "file:/path" a local folder store (a folder standing in for a bucket).
 */
export function syncLocation(uri: string, options: { embedded?: boolean; cwd?: string } & StoreForUriOptions = {}): SyncLocation {
  const text = uri.trim();
  if (/^s3:\/\//i.test(text)) {
    const { store, prefix } = options.embedded ? storeForRoot(text, { ...options, embedded: true }) : storeForUri(text, options);
    return { kind: "store", store, prefix };
  }
  const parsed = parseLocation(text, options.cwd);
  if (parsed.kind !== "local") throw new Error("unreachable");
  if (/^file:/i.test(text)) return { kind: "store", store: new LocalFolderStore(parsed.path, { create: true }), prefix: "" };
  return { kind: "local", root: parsed.path };
}
