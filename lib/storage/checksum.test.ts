import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { etagAgrees, Md5Tap } from "./checksum";

const md5 = (b: Buffer) => createHash("md5").update(b).digest();

describe("Md5Tap", () => {
  it("computes S3's multipart ETag whatever the chunking", async () => {
    const data = Buffer.alloc(25, 3);
    const tap = new Md5Tap(10);
    await pipeline(Readable.from([data.subarray(0, 7), data.subarray(7, 23), data.subarray(23)]), tap, async function* (src) {
      for await (const _ of src) yield _;
    });
    const expected = createHash("md5").update(Buffer.concat([md5(data.subarray(0, 10)), md5(data.subarray(10, 20)), md5(data.subarray(20))])).digest("hex");
    expect(tap.digests()).toEqual({ md5: null, multipartEtag: `${expected}-3` });
  });

  it("checks single-part and multipart ETags, and accepts ETags it cannot check", () => {
    const whole = createHash("md5").update("abc").digest("hex");
    expect(etagAgrees(`"${whole}"`, { md5: whole, multipartEtag: null })).toBe(true);
    expect(etagAgrees("0".repeat(32), { md5: whole, multipartEtag: null })).toBe(false);
    expect(etagAgrees(`${"a".repeat(32)}-2`, { md5: null, multipartEtag: `${"a".repeat(32)}-2` })).toBe(true);
    expect(etagAgrees(`${"a".repeat(32)}-2`, { md5: null, multipartEtag: `${"b".repeat(32)}-2` })).toBe(false);
    expect(etagAgrees("kms-style-etag", { md5: whole, multipartEtag: null })).toBe(true);
  });
});
