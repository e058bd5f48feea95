import { describe, expect, it } from "vitest";
import { parseAnsi, stripAnsi } from "./ansi";

describe("parseAnsi", () => {
  it("keeps plain lines whole", () => {
    expect(parseAnsi("plain text")).toEqual([{ text: "plain text" }]);
  });
  it("colours and resets segments", () => {
    expect(parseAnsi("\x1b[31mred\x1b[0m then \x1b[1;92mbold green")).toEqual([
      { text: "red", color: "#d23f3f", bold: false },
      { text: " then ", color: undefined, bold: false },
      { text: "bold green", color: "#51cf66", bold: true },
    ]);
  });
  it("drops cursor movement codes", () => {
    expect(stripAnsi("a\x1b[2Kb\x1b[1Ac")).toBe("abc");
  });
});
