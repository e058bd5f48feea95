import path from "node:path";
import { describe, expect, it } from "vitest";
import { env } from "../env";
import { LocalFolderStore } from "./local-folder-store";
import { S3ObjectStore } from "./s3-object-store";
import { keyForLocalPath, parseLocation, storeForRoot, storeForUri } from "./store-for-uri";

describe("locations", () => {
  it.each([
    ["s3://gp-bucket/gp/root", { kind: "s3", bucket: "gp-bucket", prefix: "gp/root" }],
    ["s3://gp-bucket", { kind: "s3", bucket: "gp-bucket", prefix: "" }],
    ["file:/srv/bucket", { kind: "local", path: "/srv/bucket" }],
    ["file:///srv/my%20bucket", { kind: "local", path: "/srv/my bucket" }],
    ["/abs/folder/", { kind: "local", path: "/abs/folder" }],
  ])("%s", (uri, expected) => {
    expect(parseLocation(uri)).toEqual(expected);
  });

  it("resolves relative paths and refuses other schemes and bad bucket names", () => {
    expect(parseLocation("data/x", "/work")).toEqual({ kind: "local", path: "/work/data/x" });
    expect(() => parseLocation("gs://bucket/x")).toThrow(/only s3:\/\/ and file:/);
    expect(() => parseLocation("s3://Bad_Bucket/x")).toThrow(/not a valid bucket name/);
    expect(() => parseLocation("file:relative")).toThrow(/absolute path/);
  });

  it("picks the store by URI", () => {
    expect(storeForUri("s3://gp-bucket/p", { s3: { region: "us-east-1", endpoint: "http://127.0.0.1:1", profile: undefined } }).store).toBeInstanceOf(S3ObjectStore);
    const local = storeForUri("file:/srv/bucket");
    expect(local.store).toBeInstanceOf(LocalFolderStore);
    expect((local.store as LocalFolderStore).root).toBe("/srv/bucket");
  });

  it("serves s3:// from the local bucket folder in embedded mode, with the same keys", () => {
    const { store, prefix } = storeForRoot("s3://gp-demo-bucket/gp", { embedded: true });
    expect(store).toBeInstanceOf(LocalFolderStore);
    expect((store as LocalFolderStore).root).toBe(path.join(env().localBucketDir, "gp-demo-bucket"));
    expect(prefix).toBe("gp");
    expect(storeForRoot("s3://gp-demo-bucket/gp", { embedded: false, s3: { region: "us-east-1", endpoint: "http://127.0.0.1:1", profile: undefined } }).store).toBeInstanceOf(S3ObjectStore);
  });

  it("lays keys out like GP: <aws-s3-root><absolute path> (reference §5.8)", () => {
    expect(keyForLocalPath("s3://gp-bucket/gp", "/opt/gp/jobResults/42/out.txt")).toBe("gp/opt/gp/jobResults/42/out.txt");
    expect(keyForLocalPath("s3://gp-bucket", "/opt/gp/taskLib/Mod.1.2/x.py")).toBe("opt/gp/taskLib/Mod.1.2/x.py");
    expect(keyForLocalPath("s3://gp-bucket/gp/", "/opt/x")).toBe("gp//opt/x"); // GP's plain concatenation, kept as is
    expect(() => keyForLocalPath("s3://gp-bucket/gp", "relative/x")).toThrow(/not an absolute path/);
  });
});
