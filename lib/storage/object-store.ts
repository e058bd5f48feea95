// The one interface over object storage: an S3 bucket or a local folder standing in for one.
import type { Readable } from "node:stream";

export type ObjectInfo = {
  key: string;
  size: number;
  lastModified: Date;
  /** Quoted-less ETag when the store gives one (S3: md5 hex for single-part uploads, "<md5>-<parts>" for multipart). */
  etag?: string;
};

export type ListOptions = {
  /** Only keys strictly after this one (S3 StartAfter). */
  startAfter?: string;
  /** Return true for a "directory" prefix (ending in "/") whose keys can all be skipped; stores may ignore it. */
  prune?: (dirPrefix: string) => boolean;
  signal?: AbortSignal;
};

export type PutOptions = {
  /** Byte length of the body; required for streams. */
  size?: number;
  signal?: AbortSignal;
  /** Called with the number of body bytes sent so far (may be called many times). */
  onBytes?: (sent: number) => void;
};

export type PutResult = { etag?: string };

export type ObjectStore = {
  /** Human-readable location, e.g. "s3://bucket" or "file:/srv/bucket". */
  readonly description: string;
  /** Every object whose key starts with prefix, in ascending UTF-8 byte order of keys. */
  list(prefix: string, options?: ListOptions): AsyncIterable<ObjectInfo>;
  /** Metadata of one object, or null when it does not exist. */
  head(key: string, options?: { signal?: AbortSignal }): Promise<ObjectInfo | null>;
  /** The object's bytes as a stream; throws StorageError("not-found") when missing. */
  get(key: string, options?: { signal?: AbortSignal }): Promise<{ body: Readable; info: ObjectInfo }>;
  /** Writes the whole object; a failed or aborted put leaves no object (and no partial multipart upload) behind. */
  put(key: string, body: Readable | Buffer, options?: PutOptions): Promise<PutResult>;
  /**
   * Optional: writes a local file as the object, reading it directly (positional reads for parts, a file copy for
   * folders); same guarantees as put. Callers fall back to put with a stream when a store lacks it.
   */
  putFile?(key: string, file: string, options: PutOptions & { size: number }): Promise<PutResult>;
  /** Deletes the keys that exist; missing keys are not an error. */
  delete(keys: string[], options?: { signal?: AbortSignal }): Promise<void>;
};
