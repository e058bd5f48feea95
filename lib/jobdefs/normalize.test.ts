import { describe, expect, it } from "vitest";
import { contentHash, jobDefinitionHash, normalizeJobDefinition, normalizedJson } from "./normalize";
import { readDemoJobDef } from "./test-fixtures";

describe("normalizeJobDefinition", () => {
  const s3 = readDemoJobDef("S3ModuleWrapper").json;
  const j17 = readDemoJobDef("Java17_Oracle_Generic").json;

  it("drops empty collections and sorts keys", () => {
    const n = normalizeJobDefinition(j17);
    expect(Object.keys(n)).toEqual(["containerProperties", "jobDefinitionName", "parameters", "type"]);
    expect(Object.keys(n.containerProperties as object)).toEqual(["command", "image", "jobRoleArn", "memory", "vcpus"]);
    expect(normalizeJobDefinition(s3).containerProperties).not.toHaveProperty("ulimits");
  });

  it("removes the noise DescribeJobDefinitions adds", () => {
    const described = {
      ...j17,
      jobDefinitionArn: "arn:aws:batch:us-east-1:718039241689:job-definition/Java17_Oracle_Generic:8",
      revision: 8,
      status: "ACTIVE",
      containerOrchestrationType: "ECS",
    };
    expect(normalizedJson(described)).toBe(normalizedJson(j17));
    expect(jobDefinitionHash(described)).toBe(jobDefinitionHash(j17));
  });

  it("ignores key order and environment order, keeps command order", () => {
    const env = [
      { name: "B", value: "2" },
      { name: "A", value: "1" },
    ];
    const a = { ...s3, containerProperties: { ...(s3.containerProperties as object), environment: env } };
    const b = { ...s3, containerProperties: { ...(s3.containerProperties as object), environment: [...env].reverse() } };
    expect(jobDefinitionHash(a)).toBe(jobDefinitionHash(b));
    const reversedKeys = Object.fromEntries(Object.entries(s3).reverse());
    expect(jobDefinitionHash(reversedKeys)).toBe(jobDefinitionHash(s3));
    const cmd = (j17.containerProperties as { command: string[] }).command;
    const swapped = { ...j17, containerProperties: { ...(j17.containerProperties as object), command: [...cmd].reverse() } };
    expect(jobDefinitionHash(swapped)).not.toBe(jobDefinitionHash(j17));
  });

  it("gives different definitions different hashes and a name-free content hash", () => {
    expect(jobDefinitionHash(s3)).not.toBe(jobDefinitionHash(j17));
    expect(jobDefinitionHash(j17)).toMatch(/^[0-9a-f]{64}$/);
    const renamed = { ...j17, jobDefinitionName: "Copy" };
    expect(contentHash(renamed)).toBe(contentHash(j17));
    expect(jobDefinitionHash(renamed)).not.toBe(jobDefinitionHash(j17));
  });
});
