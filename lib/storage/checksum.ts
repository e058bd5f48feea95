// MD5 bookkeeping while bytes stream past, to check the ETags S3 gives back.
import { createHash, type Hash } from "node:crypto";
import { Transform } from "node:stream";

/**
 * Hashes the whole stream, or, when partSize is set, each partSize block instead (S3's multipart ETag is the md5 of
 * the part md5s; hashing the whole object too would cost a second pass for nothing S3 reports).
 */
export class Md5Tap extends Transform {
  private whole: Hash | null;
  private part: Hash | null;
  private partFill = 0;
  private readonly partDigests: Buffer[] = [];
  bytes = 0;

  constructor(private readonly partSize?: number, private readonly onBytes?: (bytes: number) => void) {
    super();
    this.part = partSize ? createHash("md5") : null;
    this.whole = partSize ? null : createHash("md5");
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void) {
    this.whole?.update(chunk);
    if (this.part && this.partSize) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(this.partSize - this.partFill, chunk.length - offset);
        this.part.update(chunk.subarray(offset, offset + take));
        this.partFill += take;
        offset += take;
        if (this.partFill === this.partSize) {
          this.partDigests.push(this.part.digest());
          this.part = createHash("md5");
          this.partFill = 0;
        }
      }
    }
    this.bytes += chunk.length;
    this.onBytes?.(this.bytes);
    done(null, chunk);
  }

  /** Call once the stream has ended. */
  digests(): { md5: string | null; multipartEtag: string | null } {
    if (!this.part) return { md5: this.whole!.digest("hex"), multipartEtag: null };
    const parts = [...this.partDigests];
    if (this.partFill > 0 || parts.length === 0) parts.push(this.part.digest());
    const combined = createHash("md5").update(Buffer.concat(parts)).digest("hex");
    return { md5: null, multipartEtag: `${combined}-${parts.length}` };
  }
}

export function md5Hex(data: Buffer): string {
  return createHash("md5").update(data).digest("hex");
}

/** True when the ETag is a plain MD5 of the content (single-part upload without SSE-KMS). */
export function isMd5Etag(etag: string | undefined): etag is string {
  return etag !== undefined && /^[0-9a-f]{32}$/i.test(etag);
}

/** Whether an ETag agrees with what was sent; ETags of other shapes (SSE-KMS, unknown part sizes) cannot be checked. */
export function etagAgrees(etag: string | undefined, sent: { md5: string | null; multipartEtag: string | null }): boolean {
  if (!etag) return true;
  const e = etag.replace(/"/g, "").toLowerCase();
  if (isMd5Etag(e)) return sent.md5 === null || e === sent.md5;
  if (sent.multipartEtag && /^[0-9a-f]{32}-\d+$/.test(e)) return e === sent.multipartEtag;
  return true;
}

export function cleanEtag(etag: string | undefined): string | undefined {
  return etag ? etag.replace(/"/g, "") : undefined;
}
