import fs from "node:fs";
import path from "node:path";
import { BatchClient, DescribeJobDefinitionsCommand, DescribeJobsCommand } from "@aws-sdk/client-batch";
import { CloudWatchLogsClient, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../test/temp-db";
import { dbLogPageCache, logSourceForJob, readWholeStream } from "./job-log-source";

let temp: TempDb;
beforeEach(async () => {
  temp = await createTempDb();
});
afterEach(async () => temp.cleanup());

const credentials = { accessKeyId: "a", secretAccessKey: "b" };

async function createJob(executor: string, state: string, externalId: string | null = null) {
  const job = await temp.db.testJob.create({
    data: { executor, moduleName: "WordCount", moduleLsid: "urn:lsid:x:y:1:1", userId: "test", submittedBy: "admin", state, plan: "{}", workDir: path.join(temp.dir, "jobs", "1"), metaDir: path.join(temp.dir, "jobs", "1.meta"), externalId },
  });
  return { ...job, settled: true };
}

describe("logSourceForJob", () => {
  it("reads a local job from its meta dir", async () => {
    const job = await createJob("local", "SUCCEEDED");
    fs.mkdirSync(job.metaDir, { recursive: true });
    fs.writeFileSync(path.join(job.metaDir, "stdout.txt"), "hello\nworld\n");
    const source = await logSourceForJob(job, { db: temp.db, localPrefixDir: path.join(temp.dir, "local") });
    const chunks = [];
    for await (const chunk of readWholeStream(source, "stdout.txt")) chunks.push(...chunk.lines.map((l) => l.text));
    expect(chunks).toEqual(["hello", "world"]);
  });

  it("reads an AWS job from CloudWatch with the definition's log group, caching pages in SQLite", async () => {
    const batch = mockClient(BatchClient);
    const logs = mockClient(CloudWatchLogsClient);
    batch.on(DescribeJobsCommand, { jobs: ["job-123"] }).resolves({
      jobs: [{ jobId: "job-123", jobName: "GP_Job_1_WordCount", jobQueue: "q", jobDefinition: "arn:aws:batch:us-east-1:1:job-definition/Python36_Generic:3", status: "SUCCEEDED", startedAt: 1, container: { logStreamName: "Python36_Generic/default/t1" } }],
    });
    batch.on(DescribeJobDefinitionsCommand).resolves({
      jobDefinitions: [{ jobDefinitionName: "Python36_Generic", jobDefinitionArn: "arn", revision: 3, type: "container", containerProperties: { logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/gp/batch" } } } }],
    });
    logs.on(GetLogEventsCommand).resolves({ events: [{ timestamp: 5, message: "from cloudwatch" }], nextForwardToken: "f/1" });
    logs.on(GetLogEventsCommand, { nextToken: "f/1" }).resolves({ events: [], nextForwardToken: "f/1" });

    const job = await createJob("aws", "SUCCEEDED", "job-123");
    const deps = { db: temp.db, localPrefixDir: temp.dir, batch: new BatchClient({ region: "us-east-1", credentials }), logs: new CloudWatchLogsClient({ region: "us-east-1", credentials }) };
    const source = await logSourceForJob(job, deps);
    const streams = await source.listStreams();
    expect(streams[0]).toMatchObject({ id: "Python36_Generic/default/t1", available: true });
    expect(streams.map((s) => s.id)).toContain("stdout.txt");
    const chunk = await source.read("Python36_Generic/default/t1");
    expect(chunk.lines).toEqual([{ ts: 5, text: "from cloudwatch" }]);
    expect(logs.commandCalls(GetLogEventsCommand)[0].args[0].input).toMatchObject({ logGroupName: "/gp/batch", logStreamName: "Python36_Generic/default/t1" });
    expect(batch.commandCalls(DescribeJobDefinitionsCommand)[0].args[0].input).toEqual({ jobDefinitions: ["arn:aws:batch:us-east-1:1:job-definition/Python36_Generic:3"] });

    expect(await temp.db.logPage.count()).toBe(2);
    const cached = await dbLogPageCache(temp.db, job.id).get("Python36_Generic/default/t1", "");
    expect(cached).toEqual({ token: "", nextToken: "f/1", lines: [{ ts: 5, text: "from cloudwatch" }] });
    batch.restore();
    logs.restore();
  });
});
