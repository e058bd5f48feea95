import { BatchClient, DescribeJobsCommand, ListJobsCommand, SubmitJobCommand, TerminateJobCommand } from "@aws-sdk/client-batch";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { AwsBatchExecutor, CANCEL_REASON } from "./aws-batch-executor";
import { buildSubmitJobInput } from "./submit-request";

const batch = mockClient(BatchClient);
afterEach(() => batch.reset());

function executor() {
  return new AwsBatchExecutor(new BatchClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } }));
}

describe("AwsBatchExecutor", () => {
  it("sends the built request unchanged and trims the job id", async () => {
    batch.on(SubmitJobCommand).resolves({ jobId: "abc-123\n", jobName: "GP_Job_1_WordCount" });
    const input = buildSubmitJobInput({
      jobNo: 1, moduleName: "WordCount", moduleLsid: "urn:lsid:x:1", userId: "alice", taskLibDir: "/t", workDir: "/j/1",
      metaDir: "/j/1.meta", inputDir: "/j/1/.inputs_for_1", s3Root: "s3://b/p", jobQueue: "q", jobDefinition: "D:2",
      walltimeSec: 600, memoryMb: 1024, cpuCount: 1, dockerImage: "img", bindMounts: ["/j/1"],
    });
    const out = await executor().submit(input);
    expect(out).toEqual({ jobId: "abc-123" });
    expect(batch.commandCalls(SubmitJobCommand)).toHaveLength(1);
    expect(batch.commandCalls(SubmitJobCommand)[0].args[0].input).toEqual(input);
  });

  it("surfaces AWS errors as they are", async () => {
    batch.on(SubmitJobCommand).rejects(Object.assign(new Error("JobQueue nope not found"), { name: "ClientException" }));
    await expect(executor().submit({ jobName: "n", jobQueue: "nope", jobDefinition: "d" })).rejects.toThrow("JobQueue nope not found");
  });

  it("describes in batches of at most 100 ids", async () => {
    const ids = Array.from({ length: 250 }, (_, i) => `job-${i}`);
    batch.on(DescribeJobsCommand).callsFake((input: { jobs: string[] }) => ({
      jobs: input.jobs.map((jobId) => ({ jobId, jobName: jobId, jobQueue: "q", jobDefinition: "d", status: "RUNNING", createdAt: 1, startedAt: 2, container: { exitCode: undefined, logStreamName: `d/default/${jobId}` } })),
    }));
    const described = await executor().describeMany([...ids, "job-0"]);
    const calls = batch.commandCalls(DescribeJobsCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([{ jobs: ids.slice(0, 100) }, { jobs: ids.slice(100, 200) }, { jobs: ids.slice(200) }]);
    expect(described).toHaveLength(250);
    expect(described[3]).toMatchObject({ jobId: "job-3", status: "RUNNING", exitCode: null, logStreamName: "d/default/job-3" });
  });

  it("lists one queue and status across pages", async () => {
    batch
      .on(ListJobsCommand, { jobQueue: "q", jobStatus: "RUNNING", nextToken: undefined })
      .resolves({ jobSummaryList: [{ jobId: "a", jobName: "A", status: "RUNNING", createdAt: 1 }], nextToken: "t2" })
      .on(ListJobsCommand, { jobQueue: "q", jobStatus: "RUNNING", nextToken: "t2" })
      .resolves({ jobSummaryList: [{ jobId: "b", jobName: "B", status: "RUNNING", createdAt: 2 }] });
    const rows = await executor().list("q", "RUNNING");
    expect(rows.map((r) => r.jobId)).toEqual(["a", "b"]);
    expect(batch.commandCalls(ListJobsCommand).map((c) => c.args[0].input)).toEqual([
      { jobQueue: "q", jobStatus: "RUNNING", nextToken: undefined },
      { jobQueue: "q", jobStatus: "RUNNING", nextToken: "t2" },
    ]);
  });

  it("terminates with a reason", async () => {
    batch.on(TerminateJobCommand).resolves({});
    await executor().cancel("abc", CANCEL_REASON);
    await executor().cancel("def", "Cancelled by admin from GP Batch Admin");
    expect(batch.commandCalls(TerminateJobCommand).map((c) => c.args[0].input)).toEqual([
      { jobId: "abc", reason: "Cancelled from GenePattern" },
      { jobId: "def", reason: "Cancelled by admin from GP Batch Admin" },
    ]);
  });
});
