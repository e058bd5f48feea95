import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decideBackends, readS3Root } from "./active-backends";

const demo = fs.readFileSync(path.resolve(__dirname, "../../demo/config_custom.yaml"), "utf8");

describe("decideBackends()", () => {
  const local = "/data/bucket";
  it.each([
    ["local", "s3://b/gp", "local", "local"],
    ["aws", "s3://b/gp", "s3", "aws"],
    ["aws", "file:/tmp/x", "local", "aws"],
    ["aws", null, "local", "aws"],
    ["local", null, "local", "local"],
  ] as const)("executor=%s s3Root=%s -> storage %s, executor %s", (mode, s3Root, storage, executor) => {
    const b = decideBackends({ executorMode: mode, s3Root, localBucketDir: local });
    expect(b.storage.kind).toBe(storage);
    expect(b.executor.kind).toBe(executor);
    expect(b.storage.location).toBe(storage === "s3" ? s3Root : local);
  });
});

describe("readS3Root()", () => {
  it("reads default.properties of the demo config", () => {
    expect(readS3Root(demo)).toBe("s3://gp-demo-bucket/gp");
  });

  it("falls back to an executor's properties and tolerates broken files", () => {
    expect(readS3Root("executors:\n  AWSBatch:\n    configuration.properties:\n      aws-s3-root: s3://x/y\n")).toBe("s3://x/y");
    expect(readS3Root("default.properties: [unclosed")).toBeNull();
    expect(readS3Root("")).toBeNull();
  });
});
