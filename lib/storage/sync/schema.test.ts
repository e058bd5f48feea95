import { describe, expect, it } from "vitest";
import { parseFilterLines } from "./schema";

describe("filter lines", () => {
  it("reads rules in order with or without dashes and quotes", () => {
    expect(parseFilterLines("--exclude *\n\ninclude \"a b.txt\"\n--include='*.csv'")).toEqual({
      rules: [
        { type: "exclude", pattern: "*" },
        { type: "include", pattern: "a b.txt" },
        { type: "include", pattern: "*.csv" },
      ],
      errors: [],
    });
  });

  it("names the bad line", () => {
    expect(parseFilterLines("--exclude *\n--skip x").errors).toEqual(['Line 2: expected "--exclude PATTERN" or "--include PATTERN", got "--skip x"']);
  });
});
