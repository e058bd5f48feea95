import { describe, expect, it } from "vitest";
import { findConflictMarkers, mergeThreeWay, splitLines } from "./three-way";

const base = "a: 1\nb: 2\nc: 3\nd: 4\n";

describe("mergeThreeWay", () => {
  it.each([
    ["only mine changed", "a: 1\nb: 20\nc: 3\nd: 4\n", base, "a: 1\nb: 20\nc: 3\nd: 4\n"],
    ["only theirs changed", base, "a: 1\nb: 2\nc: 3\nd: 40\n", "a: 1\nb: 2\nc: 3\nd: 40\n"],
    ["separate lines changed", "a: 10\nb: 2\nc: 3\nd: 4\n", "a: 1\nb: 2\nc: 3\nd: 40\n", "a: 10\nb: 2\nc: 3\nd: 40\n"],
    ["same change on both sides", "a: 1\nb: 9\nc: 3\nd: 4\n", "a: 1\nb: 9\nc: 3\nd: 4\n", "a: 1\nb: 9\nc: 3\nd: 4\n"],
    ["insert at the end and change at the start", "a: 0\nb: 2\nc: 3\nd: 4\n", `${base}e: 5\n`, "a: 0\nb: 2\nc: 3\nd: 4\ne: 5\n"],
  ])("%s merges cleanly", (_name, mine, theirs, expected) => {
    const result = mergeThreeWay(base, mine, theirs);
    expect(result.clean).toBe(true);
    expect(result.text).toBe(expected);
  });

  it("marks a conflict when both sides change the same line differently", () => {
    const result = mergeThreeWay(base, "a: 1\nb: mine\nc: 3\nd: 4\n", "a: 1\nb: theirs\nc: 3\nd: 4\n");
    expect(result.clean).toBe(false);
    expect(result.conflicts).toEqual([{ line: 2, mine: "b: mine\n", base: "b: 2\n", theirs: "b: theirs\n" }]);
    expect(result.text).toBe("a: 1\n<<<<<<< mine\nb: mine\n||||||| base\nb: 2\n=======\nb: theirs\n>>>>>>> theirs\nc: 3\nd: 4\n");
    expect(findConflictMarkers(result.text)).toEqual([2, 4, 6, 8]);
  });

  it("keeps CRLF line endings and a missing final newline byte for byte", () => {
    const b = "x: 1\r\ny: 2";
    expect(mergeThreeWay(b, b, "x: 1\r\ny: 3").text).toBe("x: 1\r\ny: 3");
    expect(splitLines(b).join("")).toBe(b);
  });
});

describe("findConflictMarkers", () => {
  it("ignores ordinary YAML", () => {
    expect(findConflictMarkers("a: '<<<<<<< not a marker'\n# =======\n")).toEqual([]);
  });
});
