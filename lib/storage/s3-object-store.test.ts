import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type TestS3Server } from "../test/s3-server";
import { createS3Client } from "./s3-client";
import { S3ObjectStore } from "./s3-object-store";
import { parseListPage, S3FastPath } from "./s3-fast-path";
import { StorageError } from "./errors";

let server: TestS3Server;

beforeAll(async () => {
  server = await startS3Server({ buckets: ["store-test"] });
});
afterAll(async () => {
  await server?.stop();
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("S3ObjectStore against s3rver", () => {
  it("puts, heads, gets, lists in key order and deletes", async () => {
    const store = server.store("store-test");
    await store.put("p/b.txt", Buffer.from("bee"));
    await store.put("p/a.txt", Readable.from([Buffer.from("ay")]), { size: 2 });
    await store.put("p/sub dir/ünï.txt", Buffer.from("unicode"));
    const head = await store.head("p/a.txt");
    expect(head?.size).toBe(2);
    expect(await store.head("p/missing")).toBeNull();
    const { body } = await store.get("p/b.txt");
    expect((await S3ObjectStore.readAll(body)).toString()).toBe("bee");
    const keys = (await collect(store.list("p/"))).map((o) => o.key);
    expect(keys).toEqual(["p/a.txt", "p/b.txt", "p/sub dir/ünï.txt"]);
    await store.delete(["p/a.txt", "p/nope"]);
    expect((await collect(store.list("p/"))).map((o) => o.key)).toEqual(["p/b.txt", "p/sub dir/ünï.txt"]);
  });

  it("lists more than one page", async () => {
    const store = server.store("store-test");
    const keys = Array.from({ length: 1203 }, (_, i) => `many/${String(i).padStart(5, "0")}`);
    for (let i = 0; i < keys.length; i += 100) await Promise.all(keys.slice(i, i + 100).map((k) => store.put(k, Buffer.alloc(0))));
    const listed = (await collect(store.list("many/"))).map((o) => o.key);
    expect(listed).toEqual(keys);
    const lean = new S3FastPath(server.client(), "store-test", server.endpoint);
    const first = await lean.list("many/");
    expect(first?.items).toHaveLength(1000);
    expect(first?.isTruncated).toBe(true);
    const second = await lean.list("many/", first!.nextContinuationToken);
    expect(second?.items.map((i) => i.key)).toEqual(keys.slice(1000));
    expect(second?.isTruncated).toBe(false);
    lean.destroy();
  });

  it("parses ListObjectsV2 XML, entities included", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>p/</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated><Contents><Key>p/a &amp; b&lt;1&gt;.txt</Key><LastModified>2024-01-02T03:04:05.000Z</LastModified><ETag>&quot;0cc175b9c0f1b6a831c399e269772661&quot;</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Contents><Contents><Key>p/&#x1F600;&#13;</Key><LastModified>2024-01-02T03:04:06.000Z</LastModified><ETag>"x-2"</ETag><Size>0</Size></Contents><NextContinuationToken>tok/+=</NextContinuationToken></ListBucketResult>`;
    expect(parseListPage(xml)).toEqual({
      items: [
        { key: "p/a & b<1>.txt", size: 1, lastModified: new Date("2024-01-02T03:04:05.000Z"), etag: "0cc175b9c0f1b6a831c399e269772661" },
        { key: "p/\u{1F600}\r", size: 0, lastModified: new Date("2024-01-02T03:04:06.000Z"), etag: "x-2" },
      ],
      isTruncated: true,
      nextContinuationToken: "tok/+=",
    });
    expect(parseListPage("<Error><Code>NoSuchBucket</Code></Error>")).toBeNull();
  });

  it("uploads a multipart object and checks its ETag", async () => {
    const store = server.store("store-test", { multipartThreshold: 5 * 1024 * 1024, partSize: 5 * 1024 * 1024 });
    const data = Buffer.alloc(12 * 1024 * 1024 + 17, 7);
    let progress = 0;
    await store.put("big.bin", Readable.from([data.subarray(0, 6_000_000), data.subarray(6_000_000)]), { size: data.length, onBytes: (b) => (progress = b) });
    expect(progress).toBe(data.length);
    const { body } = await store.get("big.bin");
    expect((await S3ObjectStore.readAll(body)).equals(data)).toBe(true);
  });

  it("puts and gets through the lean signed path, byte for byte what the SDK sees", async () => {
    const fast = server.store("store-test");
    const sdk = server.store("store-test", { fastPath: false });
    const key = "fast/dir with space/ünïcödé (1)+[x]~!*'.txt";
    await fast.put(key, Buffer.from("via fast path"));
    const viaSdk = await sdk.get(key);
    expect((await S3ObjectStore.readAll(viaSdk.body)).toString()).toBe("via fast path");
    await sdk.put("fast/other", Buffer.from("via sdk"));
    const viaFast = await fast.get("fast/other");
    expect((await S3ObjectStore.readAll(viaFast.body)).toString()).toBe("via sdk");
    expect(viaFast.info.size).toBe(7);
    expect(viaFast.info.etag).toBe(viaSdk.info.etag === undefined ? undefined : (await sdk.head("fast/other"))?.etag);
    fast.close();
    const lean = new S3FastPath(server.client(), "store-test", server.endpoint);
    expect(await lean.put(key, Buffer.from("signed here"))).toMatchObject({ etag: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const got = await lean.get(key);
    expect(got?.size).toBe(11);
    got?.body.resume();
    expect(await new S3FastPath(server.client(), "no-such-bucket-here", server.endpoint).put("k", Buffer.from("x"))).toBeNull();
    lean.destroy();
  });

  it("falls back to the SDK when the lean path cannot get through", async () => {
    const store = server.store("store-test", { endpoint: "http://127.0.0.1:9" });
    await store.put("fallback/a.txt", Buffer.from("still stored"));
    const { body } = await store.get("fallback/a.txt");
    expect((await S3ObjectStore.readAll(body)).toString()).toBe("still stored");
    await expect(server.store("no-such-bucket-here").put("k", Buffer.from("x"))).rejects.toMatchObject({ code: "no-such-bucket" });
    await expect(server.store("store-test").get("fallback/missing")).rejects.toMatchObject({ code: "not-found" });
  });

  it("says the bucket is missing", async () => {
    const store = server.store("no-such-bucket-here");
    await expect(collect(store.list(""))).rejects.toMatchObject({ code: "no-such-bucket" });
    await expect(collect(store.list(""))).rejects.toThrow(/Bucket "no-such-bucket-here" does not exist/);
  });

  it("says the credentials are wrong", async () => {
    const client = createS3Client({ endpoint: server.endpoint, region: "us-east-1", credentials: { accessKeyId: "WRONG", secretAccessKey: "WRONG" } });
    const store = new S3ObjectStore(client, "store-test");
    const error = await collect(store.list("")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe("bad-credentials");
  });

  it("says the endpoint is unreachable", async () => {
    const client = createS3Client({ endpoint: "http://127.0.0.1:9", region: "us-east-1", credentials: server.credentials, maxAttempts: 1 });
    const store = new S3ObjectStore(client, "store-test", { endpointLabel: "http://127.0.0.1:9" });
    const error = await collect(store.list("")).catch((e: unknown) => e);
    expect((error as StorageError).code).toBe("endpoint-unreachable");
    expect((error as StorageError).message).toMatch(/Cannot reach the S3 endpoint at http:\/\/127.0.0.1:9/);
  });
});
