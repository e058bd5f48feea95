import {
  BatchClient,
  DeregisterJobDefinitionCommand,
  DescribeJobDefinitionsCommand,
  RegisterJobDefinitionCommand,
} from "@aws-sdk/client-batch";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { createAwsRegistry } from "./aws-registry";
import type { RegisterJobDefinitionInput } from "./schema";
import { readDemoJobDef } from "./test-fixtures";
import type { JobDefinition } from "@aws-sdk/client-batch";

const batch = mockClient(BatchClient);
const j17 = readDemoJobDef("Java17_Oracle_Generic").json;
const described = (revision: number, status: "ACTIVE" | "INACTIVE"): JobDefinition => ({
  ...j17,
  jobDefinitionArn: `arn:aws:batch:us-east-1:718039241689:job-definition/Java17_Oracle_Generic:${revision}`,
  revision,
  status,
  containerOrchestrationType: "ECS",
}) as JobDefinition;

describe("AWS Batch registry", () => {
  beforeEach(() => batch.reset());

  it("lists every page, ACTIVE and INACTIVE, without a status filter", async () => {
    batch
      .on(DescribeJobDefinitionsCommand, { maxResults: 100 })
      .resolves({ jobDefinitions: [described(2, "ACTIVE")], nextToken: "page-2" })
      .on(DescribeJobDefinitionsCommand, { maxResults: 100, nextToken: "page-2" })
      .resolves({ jobDefinitions: [described(1, "INACTIVE")] });
    const registry = createAwsRegistry(new BatchClient({ region: "us-east-1" }));
    const records = await registry.list();
    expect(batch.commandCalls(DescribeJobDefinitionsCommand).map((c) => c.args[0].input)).toEqual([
      { maxResults: 100 },
      { maxResults: 100, nextToken: "page-2" },
    ]);
    expect(records.map((r) => [r.name, r.revision, r.status, r.arn])).toEqual([
      ["Java17_Oracle_Generic", 1, "INACTIVE", "arn:aws:batch:us-east-1:718039241689:job-definition/Java17_Oracle_Generic:1"],
      ["Java17_Oracle_Generic", 2, "ACTIVE", "arn:aws:batch:us-east-1:718039241689:job-definition/Java17_Oracle_Generic:2"],
    ]);
    expect(records[0].definition).not.toHaveProperty("revision");
  });

  it("describes name:revision and the latest ACTIVE revision of a name", async () => {
    batch
      .on(DescribeJobDefinitionsCommand, { jobDefinitions: ["Java17_Oracle_Generic:1"], maxResults: 100 })
      .resolves({ jobDefinitions: [described(1, "INACTIVE")] })
      .on(DescribeJobDefinitionsCommand, { jobDefinitionName: "Java17_Oracle_Generic", status: "ACTIVE", maxResults: 100 })
      .resolves({ jobDefinitions: [described(3, "ACTIVE"), described(5, "ACTIVE")] });
    const registry = createAwsRegistry(new BatchClient({ region: "us-east-1" }));
    expect((await registry.describe("Java17_Oracle_Generic:1"))?.status).toBe("INACTIVE");
    expect((await registry.describe("Java17_Oracle_Generic"))?.revision).toBe(5);
    expect(batch.commandCalls(DescribeJobDefinitionsCommand).map((c) => c.args[0].input)).toEqual([
      { jobDefinitions: ["Java17_Oracle_Generic:1"], maxResults: 100 },
      { jobDefinitionName: "Java17_Oracle_Generic", status: "ACTIVE", maxResults: 100 },
    ]);
  });

  it("registers the exact input and deregisters name:revision", async () => {
    batch.on(RegisterJobDefinitionCommand).resolves({ jobDefinitionName: "Java17_Oracle_Generic", revision: 9, jobDefinitionArn: "arn:x:9" });
    batch.on(DeregisterJobDefinitionCommand).resolves({});
    const calls: string[] = [];
    const registry = createAwsRegistry(new BatchClient({ region: "us-east-1" }), { beforeCall: async (op) => void calls.push(op) });
    const out = await registry.register(j17 as RegisterJobDefinitionInput);
    expect(out).toEqual({ name: "Java17_Oracle_Generic", revision: 9, arn: "arn:x:9" });
    expect(batch.commandCalls(RegisterJobDefinitionCommand)[0].args[0].input).toEqual(j17);
    await registry.deregister("Java17_Oracle_Generic:8");
    expect(batch.commandCalls(DeregisterJobDefinitionCommand)[0].args[0].input).toEqual({ jobDefinition: "Java17_Oracle_Generic:8" });
    expect(calls).toEqual(["RegisterJobDefinition", "DeregisterJobDefinition"]);
  });

  it("turns AWS errors into one clear sentence", async () => {
    batch.on(RegisterJobDefinitionCommand).rejects(Object.assign(new Error("Job definition size exceeds 24 KiB"), { name: "ClientException" }));
    const registry = createAwsRegistry(new BatchClient({ region: "us-east-1" }));
    await expect(registry.register(j17 as RegisterJobDefinitionInput)).rejects.toThrow(
      "AWS Batch RegisterJobDefinition failed: ClientException: Job definition size exceeds 24 KiB",
    );
  });
});
