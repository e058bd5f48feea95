import { describe, expect, it } from "vitest";
import { finalExitCode, mapBatchStatus } from "./state-mapping";

describe("mapBatchStatus (reference §5.6)", () => {
  it.each([
    ["SUBMITTED", undefined, "QUEUED", "SUBMITTED", false],
    ["PENDING", undefined, "QUEUED", "PENDING", false],
    ["RUNNABLE", undefined, "QUEUED", "RUNNABLE", false],
    ["STARTING", undefined, "RUNNING", "STARTING", false],
    ["RUNNING", undefined, "RUNNING", "RUNNING", false],
    ["SUCCEEDED", "Essential container in task exited", "DONE", "SUCCEEDED", true],
    ["FAILED", "Essential container in task exited", "FAILED", "FAILED", true],
    ["SUCCEEDED", "Job attempt duration exceeded timeout", "FAILED", "FAILED", true],
    ["WEIRD", undefined, "UNDETERMINED", "WEIRD", false],
    [undefined, undefined, "UNDETERMINED", "UNKNOWN", false],
  ] as const)("%s (%s) → %s / %s", (status, reason, drm, state, terminal) => {
    expect(mapBatchStatus(status, reason)).toEqual({ drm, state, terminal });
  });
});

describe("finalExitCode (§5.6 step 3)", () => {
  it("prefers exit_code.txt and flags 142 as GP's timeout", () => {
    expect(finalExitCode(3, 0)).toEqual({ exitCode: 3, source: "exit_code.txt", gpTimeout: false });
    expect(finalExitCode(142, 0)).toEqual({ exitCode: 142, source: "exit_code.txt", gpTimeout: true });
  });
  it("falls back to the container's exit code, then to none", () => {
    expect(finalExitCode(null, 137)).toEqual({ exitCode: 137, source: "container", gpTimeout: false });
    expect(finalExitCode(null, -1)).toEqual({ exitCode: null, source: "none", gpTimeout: false });
    expect(finalExitCode(null, null)).toEqual({ exitCode: null, source: "none", gpTimeout: false });
  });
});
