import { describe, expect, it } from "vitest";
import { severityName, toMarker } from "./markers";

describe("toMarker", () => {
  it("carries the fix into the hover message and keeps the range", () => {
    const marker = toMarker({
      severity: "warning",
      code: "unquoted-walltime",
      message: "2:00:00 is read as the number 7200",
      path: ["default.properties", "job.walltime"],
      range: { start: { line: 9, col: 17 }, end: { line: 9, col: 24 } },
      fix: { title: "Quote the value", replacement: '"2:00:00"' },
    });
    expect(marker).toEqual({
      severity: 4,
      message: '2:00:00 is read as the number 7200\nFix: Quote the value → "2:00:00"',
      code: "unquoted-walltime",
      source: "gp-batch",
      startLineNumber: 9,
      startColumn: 17,
      endLineNumber: 9,
      endColumn: 24,
    });
  });

  it("widens an empty range to one character so the squiggle shows", () => {
    const marker = toMarker({ severity: "error", code: "missing-executors", message: "m", path: [], range: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } } });
    expect([marker.severity, marker.endColumn, marker.message]).toEqual([8, 2, "m"]);
  });
});

describe("severityName", () => {
  it.each([
    [8, "error"],
    [4, "warning"],
    [2, "info"],
    [1, "info"],
  ] as const)("%i is %s", (value, name) => expect(severityName(value)).toBe(name));
});
