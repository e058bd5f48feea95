// The AWS Batch path end to end against a real S3-protocol server (s3rver) with Batch mocked at the SDK boundary:
// a fixture config (config_example_awsbatch-v0.2.yaml) resolves to the exact SubmitJob request, stage-in writes
// GP's S3 layout, DescribeJobs drives the states, stage-out brings back the meta and working dirs.
import fs from "node:fs";
import path from "node:path";
import { BatchClient, DescribeJobsCommand, SubmitJobCommand, TerminateJobCommand } from "@aws-sdk/client-batch";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, S3RVER_CREDENTIALS, type TestS3Server } from "../../test/s3-server";
import { createJobFixture, useTempDataDir, waitForJob, type JobFixture } from "../test/job-fixture";
import { AwsBatchExecutor } from "./aws-batch-executor";
import { FIXTURES_DIR } from "../../test/fixtures";

const dataDir = useTempDataDir();
const FIXTURE = `${FIXTURES_DIR}/gpserver_awsbatch_config_example_awsbatch-v0.2.yaml`;
const fixtureText = fs.readFileSync(FIXTURE, "utf8").replace(
  `"job.awsbatch.dest-prefix": "/local"`,
  `"job.awsbatch.dest-prefix": "/local"\n    "aws-s3-root": "s3://gp-test/prod"`,
);
const manifest = fs.readFileSync(path.resolve("demo/modules/fixtures/ExampleModule/manifest"), "utf8");
const LSID = "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00374:3.0";

let s3: TestS3Server;
let fx: JobFixture;
let taskLib: string;
const batch = mockClient(BatchClient);
const actor = { id: null, username: "tester" };

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ["gp-test"] });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_REGION: "us-east-1",
    GP_BATCH_EXECUTOR: "aws",
  });
  fx = await createJobFixture(dataDir);
  taskLib = path.join(dataDir, "gp", "taskLib", "ExampleModule.3.0.1");
  fs.mkdirSync(taskLib, { recursive: true });
  fs.writeFileSync(path.join(taskLib, "ExampleModule.py"), "print('hello')\n");
  // The demo seed catalogues the fixture manifest without files; give it a taskLib folder on this machine.
  await fx.db.moduleVersion.update({ where: { lsid: LSID }, data: { manifest, taskLibDir: taskLib } });
}, 60_000);

afterAll(async () => {
  await fx.cleanup();
  await s3.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => batch.reset());

const factory = () => new AwsBatchExecutor(new BatchClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "y" } }));

async function submitExample(message: string) {
  const { submitTestJob } = await import("../submit-test-job");
  const input = path.join(dataDir, "uploads", `${message}.txt`);
  fs.mkdirSync(path.dirname(input), { recursive: true });
  fs.writeFileSync(input, `${message}\n`);
  const result = await submitTestJob(
    fx.db,
    { module: "ExampleModule", userId: "alice", params: { message_to_add: message, output_filename: "out.txt" }, inputs: [{ path: input }] },
    { actor, configText: fixtureText, executorFactory: factory },
  );
  return { ...result, input };
}

describe("AWS Batch pipeline", () => {
  it("sends the exact SubmitJob request resolved from the fixture config and stages GP's S3 layout", async () => {
    batch.on(SubmitJobCommand).resolves({ jobId: "aws-job-1", jobName: "x" });
    const { jobId, input } = await submitExample("hello");
    const work = path.join(dataDir, "gp", "jobResults", String(jobId));
    const meta = `${work}.meta`;
    const sent = batch.commandCalls(SubmitJobCommand).map((c) => c.args[0].input);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      jobName: `GP_Job_${jobId}_ExampleModule`,
      jobQueue: "job-queue-default",
      // The executor's default beats the top-level S3ModuleWrapper (reference §8 item 10).
      jobDefinition: "Java17_Oracle_Generic:8",
      parameters: { taskLib, inputFileDirectory: `${work}/.inputs_for_${jobId}`, s3_root: "s3://gp-test/prod", working_dir: work, exe1: `${meta}/exec.sh` },
      containerOverrides: {
        environment: [
          { name: "GP_JOB_METADATA_DIR", value: meta },
          { name: "STDERR_FILENAME", value: `${meta}/stderr.txt` },
          { name: "GP_JOB_ID", value: String(jobId) },
          { name: "GP_USER_ID", value: "alice" },
          { name: "GP_JOB_WORKING_DIR", value: work },
          { name: "GP_WORKING_DIR", value: work },
          { name: "GP_METADATA_DIR", value: meta },
          { name: "GP_MODULE_NAME", value: "ExampleModule" },
          { name: "GP_MODULE_LSID", value: LSID },
          { name: "GP_MODULE_DIR", value: taskLib },
          { name: "GP_TASKLIB", value: taskLib },
          { name: "AWS_S3_PREFIX", value: "s3://gp-test/prod" },
          { name: "S3_ROOT", value: "s3://gp-test/prod" },
          { name: "GP_S3_ROOT", value: "s3://gp-test/prod" },
          { name: "GP_LOCAL_PREFIX", value: "/local" },
          { name: "GP_AWS_SYNC_SCRIPT_NAME", value: "aws-sync-from-s3.sh" },
          { name: "GP_JOB_DOCKER_BIND_MOUNTS", value: "/opt/gpbeta/gp_home" },
          { name: "GP_DOCKER_MOUNT_POINTS", value: "/opt/gpbeta/gp_home" },
          { name: "GP_JOB_DOCKER_IMAGE", value: "genepattern/example-module:2" },
          { name: "GP_DOCKER_CONTAINER", value: "genepattern/example-module:2" },
          { name: "GP_JOB_WALLTIME_SEC", value: "7200" },
          { name: "GP_CONTAINER_CANT_RUN_AS_ROOT", value: "false" },
          { name: "GP_READONLY_BIND_MOUNTS", value: "false" },
        ],
        resourceRequirements: [{ type: "MEMORY", value: "2048" }],
      },
      timeout: { attemptDurationSeconds: 7200 },
    });
    const store = s3.store("gp-test");
    for (const p of [input, path.join(taskLib, "ExampleModule.py"), `${meta}/exec.sh`, `${meta}/aws-sync-from-s3.sh`, `${work}/.rte.out`]) {
      expect(await store.head(`prod${p}`), `s3://gp-test/prod${p}`).not.toBeNull();
    }
    const execSh = fs.readFileSync(`${meta}/exec.sh`, "utf8");
    expect(execSh).toContain(`cd ${work}\n/ExampleModule/ExampleModule.py -f ${input} -a False -m hello -o out.txt 2>${meta}/stderr.txt >${meta}/stdout.txt`);
    const job = await fx.db.testJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({ state: "SUBMITTED", executor: "aws", externalId: "aws-job-1" });

    // The container ran: it left its files in S3. DescribeJobs says SUCCEEDED; stage-out brings them back.
    await store.put(`prod${meta}/exit_code.txt`, Buffer.from('{"exit_code":0}\n'));
    await store.put(`prod${meta}/stdout.txt`, Buffer.from("hello\n"));
    await store.put(`prod${work}/out.txt`, Buffer.from("hello\nhello\n"));
    batch.on(DescribeJobsCommand).resolves({
      jobs: [{ jobId: "aws-job-1", jobName: "x", jobQueue: "job-queue-default", jobDefinition: "arn:def", status: "SUCCEEDED", statusReason: "Essential container in task exited", createdAt: 1, startedAt: 2, stoppedAt: 3, container: { exitCode: 0, logStreamName: "d/default/abc" } }],
    });
    const { refreshAwsJobs } = await import("../submit-test-job");
    expect(await refreshAwsJobs(fx.db, [jobId], factory)).toEqual({ error: null });
    expect(batch.commandCalls(DescribeJobsCommand).map((c) => c.args[0].input)).toEqual([{ jobs: ["aws-job-1"] }]);
    const done = await waitForJob(fx.db, jobId);
    expect(done.state).toBe("SUCCEEDED");
    expect(done.exitCode).toBe(0);
    expect(fs.readFileSync(`${work}/out.txt`, "utf8")).toBe("hello\nhello\n");
    expect(fs.readFileSync(`${meta}/stdout.txt`, "utf8")).toBe("hello\n");
  });

  it("treats SUCCEEDED with 'duration exceeded timeout' as FAILED, exit code from the container", async () => {
    batch.on(SubmitJobCommand).resolves({ jobId: "aws-job-2", jobName: "x" });
    const { jobId } = await submitExample("slow");
    batch.on(DescribeJobsCommand).resolves({
      jobs: [{ jobId: "aws-job-2", jobName: "x", jobQueue: "q", jobDefinition: "d", status: "SUCCEEDED", statusReason: "Job attempt duration exceeded timeout", createdAt: 1, startedAt: 2, stoppedAt: 3, container: { exitCode: 137 } }],
    });
    const { refreshAwsJobs } = await import("../submit-test-job");
    await refreshAwsJobs(fx.db, [jobId], factory);
    const done = await waitForJob(fx.db, jobId);
    expect(done.state).toBe("FAILED");
    expect(done.statusReason).toBe("Job attempt duration exceeded timeout");
    expect(done.exitCode).toBe(137);
  });

  it("terminates with a reason on cancel", async () => {
    batch.on(SubmitJobCommand).resolves({ jobId: "aws-job-3", jobName: "x" }).on(TerminateJobCommand).resolves({});
    const { jobId } = await submitExample("cancelme");
    const { cancelTestJob } = await import("../submit-test-job");
    expect(await cancelTestJob(fx.db, jobId, actor, factory)).toEqual({ changed: true });
    expect(batch.commandCalls(TerminateJobCommand).map((c) => c.args[0].input)).toEqual([{ jobId: "aws-job-3", reason: "Cancelled from GenePattern (GP Batch Admin, tester)" }]);
    const row = await fx.db.testJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(row).toMatchObject({ state: "FAILED", statusReason: "Cancelled by tester" });
  });

  it("records a SubmitJob error plainly on the job", async () => {
    batch.on(SubmitJobCommand).rejects(Object.assign(new Error("JobQueue job-queue-default not found"), { name: "ClientException", $metadata: { httpStatusCode: 400 } }));
    await expect(submitExample("nope")).rejects.toThrow("SubmitJob failed: ClientException: JobQueue job-queue-default not found (HTTP 400)");
    const row = await fx.db.testJob.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(row).toMatchObject({ state: "FAILED", statusReason: "SubmitJob failed: ClientException: JobQueue job-queue-default not found (HTTP 400)" });
  });

  it("keeps the last state when DescribeJobs fails and says why", async () => {
    batch.on(SubmitJobCommand).resolves({ jobId: "aws-job-5", jobName: "x" });
    const { jobId } = await submitExample("outage");
    batch.on(DescribeJobsCommand).rejects(Object.assign(new Error("Service Unavailable"), { name: "ServiceUnavailable", $metadata: { httpStatusCode: 503 } }));
    const { refreshAwsJobs } = await import("../submit-test-job");
    expect(await refreshAwsJobs(fx.db, [jobId], factory)).toEqual({ error: "DescribeJobs failed: ServiceUnavailable: Service Unavailable (HTTP 503)" });
    expect((await fx.db.testJob.findUniqueOrThrow({ where: { id: jobId } })).state).toBe("SUBMITTED");
  });
});
