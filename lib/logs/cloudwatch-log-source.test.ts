import { CloudWatchLogsClient, FilterLogEventsCommand, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { CloudWatchLogSource, DEFAULT_LOG_GROUP, logGroupForJobDefinition, streamsOfJob, type CachedPage } from "./cloudwatch-log-source";

const cw = mockClient(CloudWatchLogsClient);
const client = new CloudWatchLogsClient({ region: "us-east-1", credentials: { accessKeyId: "a", secretAccessKey: "b" } });
const stream = "Python36_Generic/default/abc123";
const job = { status: "SUCCEEDED", container: { logStreamName: stream } };

function event(i: number) {
  return { timestamp: 1_700_000_000_000 + i, message: `line ${i}\n` };
}

beforeEach(() => cw.reset());

describe("CloudWatch paging", () => {
  it("pages forward through empty pages and stops when the token repeats", async () => {
    cw.on(GetLogEventsCommand, { logGroupName: "/aws/batch/job", logStreamName: stream, startFromHead: true })
      .resolves({ events: [event(1), event(2)], nextForwardToken: "f/1" });
    cw.on(GetLogEventsCommand, { nextToken: "f/1" }).resolves({ events: [], nextForwardToken: "f/2" });
    cw.on(GetLogEventsCommand, { nextToken: "f/2" }).resolves({ events: [event(3)], nextForwardToken: "f/3" });
    cw.on(GetLogEventsCommand, { nextToken: "f/3" }).resolves({ events: [], nextForwardToken: "f/3" });

    const source = new CloudWatchLogSource({ client, logGroupName: DEFAULT_LOG_GROUP, job });
    const chunk = await source.read(stream);

    expect(chunk.lines.map((l) => l.text)).toEqual(["line 1", "line 2", "line 3"]);
    expect(chunk.lines[0].ts).toBe(1_700_000_000_001);
    expect(chunk).toMatchObject({ cursor: "f/3", complete: true });
    const calls = cw.commandCalls(GetLogEventsCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([
      { logGroupName: "/aws/batch/job", logStreamName: stream, startFromHead: true },
      { logGroupName: "/aws/batch/job", logStreamName: stream, startFromHead: true, nextToken: "f/1" },
      { logGroupName: "/aws/batch/job", logStreamName: stream, startFromHead: true, nextToken: "f/2" },
      { logGroupName: "/aws/batch/job", logStreamName: stream, startFromHead: true, nextToken: "f/3" },
    ]);
  });

  it("is not complete while the job runs, and resumes from the returned cursor", async () => {
    cw.on(GetLogEventsCommand).resolves({ events: [event(1)], nextForwardToken: "f/1" });
    cw.on(GetLogEventsCommand, { nextToken: "f/1" }).resolves({ events: [], nextForwardToken: "f/1" });
    const source = new CloudWatchLogSource({ client, logGroupName: "/custom", job: { status: "RUNNING", container: { logStreamName: stream } } });
    const first = await source.read(stream);
    expect(first).toMatchObject({ cursor: "f/1", complete: false });
    const again = await source.read(stream, first.cursor);
    expect(again.lines).toEqual([]);
    expect(cw.commandCalls(GetLogEventsCommand).at(-1)?.args[0].input).toMatchObject({ logGroupName: "/custom", nextToken: "f/1" });
  });

  it("serves a finished job from the page cache without AWS calls", async () => {
    const pages = new Map<string, CachedPage>();
    const cache = {
      get: async (s: string, t: string) => pages.get(`${s}|${t}`),
      put: async (s: string, p: CachedPage) => void pages.set(`${s}|${p.token}`, p),
    };
    cw.on(GetLogEventsCommand).resolves({ events: [event(1)], nextForwardToken: "f/1" });
    cw.on(GetLogEventsCommand, { nextToken: "f/1" }).resolves({ events: [], nextForwardToken: "f/1" });
    const source = new CloudWatchLogSource({ client, logGroupName: DEFAULT_LOG_GROUP, job, cache });
    await source.read(stream);
    expect(cw.commandCalls(GetLogEventsCommand)).toHaveLength(2);
    const reopened = await new CloudWatchLogSource({ client, logGroupName: DEFAULT_LOG_GROUP, job, cache }).read(stream);
    expect(reopened.lines.map((l) => l.text)).toEqual(["line 1"]);
    expect(cw.commandCalls(GetLogEventsCommand)).toHaveLength(2);
  });

  it("reports throttling and a missing stream as a notice, not an exception", async () => {
    cw.on(GetLogEventsCommand).rejects(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" }));
    const source = new CloudWatchLogSource({ client, logGroupName: DEFAULT_LOG_GROUP, job });
    const chunk = await source.read(stream);
    expect(chunk.notice).toMatch(/ThrottlingException: Rate exceeded/);
    expect(chunk.complete).toBe(false);

    cw.reset();
    cw.on(GetLogEventsCommand).rejects(Object.assign(new Error("The specified log stream does not exist."), { name: "ResourceNotFoundException" }));
    expect((await source.read(stream)).notice).toMatch(/does not exist/);
  });

  it("calls the rate budget before every AWS call", async () => {
    let budgetCalls = 0;
    cw.on(GetLogEventsCommand).resolves({ events: [], nextForwardToken: "" });
    const source = new CloudWatchLogSource({ client, logGroupName: DEFAULT_LOG_GROUP, job, beforeCall: async () => void budgetCalls++ });
    await source.read(stream);
    expect(budgetCalls).toBe(cw.commandCalls(GetLogEventsCommand).length);
  });

  it("searches with FilterLogEvents, following nextToken", async () => {
    cw.on(FilterLogEventsCommand).resolves({ events: [event(7)], nextToken: "n1" });
    cw.on(FilterLogEventsCommand, { nextToken: "n1" }).resolves({ events: [event(9)] });
    const source = new CloudWatchLogSource({ client, logGroupName: DEFAULT_LOG_GROUP, job });
    const hits = await source.search(stream, "ERROR x");
    expect(hits.map((h) => h.text)).toEqual(["line 7", "line 9"]);
    expect(cw.commandCalls(FilterLogEventsCommand)[0].args[0].input).toEqual({
      logGroupName: DEFAULT_LOG_GROUP,
      logStreamNames: [stream],
      filterPattern: '"ERROR x"',
      nextToken: undefined,
    });
  });
});

describe("streams and log groups", () => {
  it("lists one stream per attempt and explains attempts that never ran", () => {
    expect(
      streamsOfJob({
        status: "RUNNING",
        attempts: [{ container: { logStreamName: "a/default/1" } }],
        container: { logStreamName: "a/default/2" },
      }).map((s) => [s.id, s.label]),
    ).toEqual([
      ["a/default/1", "attempt 1"],
      ["a/default/2", "attempt 2"],
    ]);
    const [never] = streamsOfJob({ status: "FAILED", statusReason: "CannotPullContainerError: image not found" });
    expect(never.available).toBe(false);
    expect(never.reason).toContain("never reached RUNNING");
    expect(never.reason).toContain("CannotPullContainerError");
  });

  it("takes the log group from the job definition's awslogs options", () => {
    expect(logGroupForJobDefinition({ containerProperties: { logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/gp/jobs" } } } })).toBe("/gp/jobs");
    expect(logGroupForJobDefinition({ containerProperties: {} })).toBe("/aws/batch/job");
    expect(logGroupForJobDefinition(null)).toBe("/aws/batch/job");
  });
});
