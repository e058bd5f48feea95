// ObjectStore over an S3 bucket (any S3-protocol endpoint): listing, streamed get, single-part or multipart put.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { cleanEtag, etagAgrees, Md5Tap, md5Hex } from "./checksum";
import { abortedError, StorageError } from "./errors";
import type { ListOptions, ObjectInfo, ObjectStore, PutOptions, PutResult } from "./object-store";
import { describeS3Error } from "./s3-errors";
import { S3FastPath } from "./s3-fast-path";

export type S3StoreOptions = {
  /** Objects larger than this go up in parts (aws cli: 8 MiB). */
  multipartThreshold?: number;
  partSize?: number;
  /** Parts of one object sent at once. */
  partConcurrency?: number;
  /** Shown in errors, e.g. the endpoint URL. */
  endpointLabel?: string;
  /** The custom endpoint the client uses (path-style), undefined for AWS itself; needed by the fast path. */
  endpoint?: string;
  /** Send small puts and gets through the lean signed-request path (default true); the SDK stays the fallback. */
  fastPath?: boolean;
};

export const DEFAULT_MULTIPART_THRESHOLD = 8 * 1024 * 1024;
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

export class S3ObjectStore implements ObjectStore {
  readonly description: string;
  private readonly multipartThreshold: number;
  private readonly partSize: number;
  private readonly partConcurrency: number;
  private readonly fast: S3FastPath | null;

  constructor(
    readonly client: S3Client,
    readonly bucket: string,
    private readonly options: S3StoreOptions = {},
  ) {
    this.description = `s3://${bucket}`;
    this.multipartThreshold = options.multipartThreshold ?? DEFAULT_MULTIPART_THRESHOLD;
    this.partSize = Math.max(options.partSize ?? DEFAULT_PART_SIZE, 5 * 1024 * 1024);
    this.partConcurrency = options.partConcurrency ?? 8;
    this.fast = options.fastPath === false ? null : new S3FastPath(client, bucket, options.endpoint);
  }

  private fail(error: unknown, key?: string): StorageError {
    return describeS3Error(error, { bucket: this.bucket, key, endpoint: this.options.endpointLabel });
  }

  async *list(prefix: string, options: ListOptions = {}): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    let startAfter = options.startAfter;
    do {
      if (options.signal?.aborted) throw abortedError();
      const quick = await this.fast?.list(prefix, token, startAfter);
      if (quick) {
        for (const item of quick.items) yield { key: item.key, size: item.size, lastModified: item.lastModified, etag: item.etag };
        token = quick.isTruncated ? quick.nextContinuationToken : undefined;
        startAfter = undefined;
        continue;
      }
      let page;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix || undefined, ContinuationToken: token, StartAfter: token ? undefined : startAfter }),
        );
      } catch (error) {
        throw this.fail(error);
      }
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined) continue;
        yield { key: item.Key, size: Number(item.Size ?? 0), lastModified: item.LastModified ?? new Date(0), etag: cleanEtag(item.ETag) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
      startAfter = undefined;
    } while (token);
  }

  async head(key: string, options: { signal?: AbortSignal } = {}): Promise<ObjectInfo | null> {
    try {
      if (options.signal?.aborted) throw abortedError();
      const r = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { key, size: Number(r.ContentLength ?? 0), lastModified: r.LastModified ?? new Date(0), etag: cleanEtag(r.ETag) };
    } catch (error) {
      const e = this.fail(error, key);
      if (e.code === "not-found") return null;
      throw e;
    }
  }

  async get(key: string, options: { signal?: AbortSignal } = {}): Promise<{ body: Readable; info: ObjectInfo }> {
    try {
      // The body is a stream the caller cancels through its own pipeline; the request itself is short.
      if (options.signal?.aborted) throw abortedError();
      const quick = await this.fast?.get(key);
      if (quick) return { body: quick.body, info: { key, size: quick.size, lastModified: quick.lastModified, etag: quick.etag } };
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const body = r.Body instanceof Readable ? r.Body : Readable.fromWeb(r.Body!.transformToWebStream() as never);
      return { body, info: { key, size: Number(r.ContentLength ?? 0), lastModified: r.LastModified ?? new Date(0), etag: cleanEtag(r.ETag) } };
    } catch (error) {
      throw this.fail(error, key);
    }
  }

  async put(key: string, body: Readable | Buffer, options: PutOptions = {}): Promise<PutResult> {
    const size = Buffer.isBuffer(body) ? body.length : options.size;
    if (size === undefined) throw new StorageError("io", `put ${key}: the size of a streamed body is required`);
    if (options.signal?.aborted) throw abortedError();
    try {
      if (Buffer.isBuffer(body)) return await this.putBuffer(key, body, options);
      if (size <= this.multipartThreshold) return await this.putStream(key, body, size, options);
      return await this.putMultipart(key, body, options);
    } catch (error) {
      if (options.signal?.aborted) throw abortedError();
      throw error instanceof StorageError ? error : this.fail(error, key);
    }
  }

  private async putBuffer(key: string, body: Buffer, options: PutOptions): Promise<PutResult> {
    const quick = await this.fast?.put(key, body);
    if (quick) {
      options.onBytes?.(body.length);
      await this.verify(key, quick.etag, { md5: md5Hex(body), multipartEtag: null });
      return quick;
    }
    // Small bodies go without a per-request abort signal: sending options disables the SDK's cached handler, which
    // costs more CPU than the upload itself; cancellation waits for at most this one short request.
    const r = await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentLength: body.length }));
    options.onBytes?.(body.length);
    const etag = cleanEtag(r.ETag);
    await this.verify(key, etag, { md5: md5Hex(body), multipartEtag: null });
    return { etag };
  }

  private async putStream(key: string, body: Readable, size: number, options: PutOptions): Promise<PutResult> {
    const tap = new Md5Tap(undefined, options.onBytes);
    const piping = pipeline(body, tap).catch(() => undefined);
    const r = await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: tap, ContentLength: size }), {
      abortSignal: options.signal,
    });
    await piping;
    const etag = cleanEtag(r.ETag);
    await this.verify(key, etag, tap.digests());
    return { etag };
  }

  private async putMultipart(key: string, body: Readable, options: PutOptions): Promise<PutResult> {
    const tap = new Md5Tap(this.partSize, options.onBytes);
    const piping = pipeline(body, tap).catch(() => undefined);
    // leavePartsOnError false: lib-storage aborts the multipart upload itself when a part fails or abort() is called.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: tap },
      partSize: this.partSize,
      queueSize: this.partConcurrency,
      leavePartsOnError: false,
    });
    const onAbort = () => void upload.abort().catch(() => undefined);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const r = await upload.done();
      await piping;
      const etag = cleanEtag(r.ETag);
      await this.verify(key, etag, tap.digests());
      return { etag };
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
      tap.destroy();
    }
  }

  async putFile(key: string, file: string, options: PutOptions & { size: number }): Promise<PutResult> {
    if (options.signal?.aborted) throw abortedError();
    if (options.size <= this.multipartThreshold) {
      let body: Buffer;
      try {
        body = await fs.promises.readFile(file);
      } catch (error) {
        throw new StorageError("io", `Cannot read ${file}: ${(error as Error).message}`, error);
      }
      return this.put(key, body, options);
    }
    try {
      return await this.putFileInParts(key, file, options);
    } catch (error) {
      if (options.signal?.aborted) throw abortedError();
      throw error instanceof StorageError ? error : this.fail(error, key);
    }
  }

  /**
   * Multipart upload read straight from the file: each part is one positional read into its own buffer, hashed once
   * (MD5 for the ETag check) and sent; at most partConcurrency parts are in memory. A failure or cancel aborts the
   * upload so no parts linger.
   */
  private async putFileInParts(key: string, file: string, planned: PutOptions & { size: number }): Promise<PutResult> {
    const handle = await fs.promises.open(file, "r");
    try {
      // The file's size now, not when the sync was planned.
      const options = { ...planned, size: (await handle.stat()).size };
      return await this.sendParts(key, file, handle, options);
    } finally {
      await handle.close();
    }
  }

  private async sendParts(key: string, file: string, handle: fs.promises.FileHandle, options: PutOptions & { size: number }): Promise<PutResult> {
    const created = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key }));
    const uploadId = created.UploadId!;
    const partCount = Math.max(1, Math.ceil(options.size / this.partSize));
    const etags: string[] = new Array(partCount);
    const digests: Buffer[] = new Array(partCount);
    const inflight = new Map<number, number>();
    const report = () => {
      let sent = 0;
      for (const n of inflight.values()) sent += n;
      options.onBytes?.(sent);
    };
    let next = 0;
    try {
      const worker = async () => {
        while (next < partCount) {
          if (options.signal?.aborted) throw abortedError();
          const index = next++;
          const offset = index * this.partSize;
          const length = Math.min(this.partSize, options.size - offset);
          const buffer = Buffer.allocUnsafe(length);
          const { bytesRead } = await handle.read(buffer, 0, length, offset);
          if (bytesRead !== length) throw new StorageError("io", `${file} changed while it was read (short read at part ${index + 1})`);
          digests[index] = createHash("md5").update(buffer).digest();
          const query = { partNumber: String(index + 1), uploadId };
          const quick = this.fast ? await this.fast.put(key, buffer, query) : null;
          const etag = quick?.etag ?? cleanEtag((await this.client.send(new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber: index + 1, Body: buffer, ContentLength: length }))).ETag);
          if (!etag) throw new StorageError("unknown", `s3://${this.bucket}/${key}: part ${index + 1} came back without an ETag`);
          etags[index] = etag;
          inflight.set(index, length);
          report();
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.partConcurrency, partCount) }, worker));
      if (options.signal?.aborted) throw abortedError();
      const done = await this.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag: `"${ETag}"`, PartNumber: i + 1 })) },
        }),
      );
      const etag = cleanEtag(done.ETag);
      const multipartEtag = `${createHash("md5").update(Buffer.concat(digests)).digest("hex")}-${partCount}`;
      await this.verify(key, etag, { md5: null, multipartEtag });
      return { etag };
    } catch (error) {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
      throw error;
    }
  }

  /** A stored object whose ETag disagrees with the bytes sent is removed, so no corrupt copy stays behind. */
  private async verify(key: string, etag: string | undefined, sent: { md5: string | null; multipartEtag: string | null }) {
    if (etagAgrees(etag, sent)) return;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })).catch(() => undefined);
    throw new StorageError("checksum-mismatch", `s3://${this.bucket}/${key}: the stored ETag ${etag} does not match the MD5 of the bytes sent (${sent.md5 ?? sent.multipartEtag})`);
  }

  async delete(keys: string[], options: { signal?: AbortSignal } = {}): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      if (options.signal?.aborted) throw abortedError();
      const batch = keys.slice(i, i + 1000);
      try {
        const r = await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
        );
        const failed = r.Errors?.[0];
        if (failed) throw new StorageError("io", `delete s3://${this.bucket}/${failed.Key}: ${failed.Code} ${failed.Message ?? ""}`.trim());
      } catch (error) {
        throw error instanceof StorageError ? error : this.fail(error);
      }
    }
  }

  /** Closes the fast path's sockets (the SDK client is the caller's). */
  close() {
    this.fast?.destroy();
  }

  /** Used by tests and the bench to drain a stream into memory. */
  static async readAll(body: Readable): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
}
