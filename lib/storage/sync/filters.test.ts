import { describe, expect, it } from "vitest";
import { compileFilters, escapeFnmatch, filtersFromArgs, type FilterRule } from "./filters";

const ex = (pattern: string): FilterRule => ({ type: "exclude", pattern });
const inc = (pattern: string): FilterRule => ({ type: "include", pattern });

describe("aws s3 sync filters", () => {
  it.each([
    // [rules, path, included]
    [[], "anything/at/all.txt", true],
    [[ex("*")], "a.txt", false],
    [[ex("*"), inc("*.txt")], "dir/a.txt", true],
    [[ex("*"), inc("*.txt")], "dir/a.csv", false],
    [[inc("*.txt"), ex("*")], "a.txt", false], // the last match wins
    [[ex("*.tmp")], "x/y.tmp", false],
    [[ex("*.tmp")], "x/y.tmpl", true],
    [[ex("dir/*")], "dir/sub/deep.txt", false], // "*" crosses "/"
    [[ex("dir/*")], "dirx/a", true],
    [[ex("?.txt")], "a.txt", false],
    [[ex("?.txt")], "ab.txt", true],
    [[ex("?.txt")], "é.txt", false], // "?" is one character, not one byte
    [[ex("[abc].txt")], "b.txt", false],
    [[ex("[abc].txt")], "d.txt", true],
    [[ex("[!abc].txt")], "d.txt", false],
    [[ex("[!abc].txt")], "a.txt", true],
    [[ex("[a-c]*")], "car", false],
    [[ex("[a-c]*")], "dog", true],
    [[ex("[]]x")], "]x", false],
    [[ex("[-a]x")], "-x", false],
    [[ex("a[b")], "a[b", false], // an unclosed "[" is a literal
    [[ex("*~"), ex(".DS_Store"), ex(".git*")], ".gitignore", false],
    [[ex("*~"), ex(".DS_Store"), ex(".git*")], "notes.txt~", false],
    [[ex("*~"), ex(".DS_Store"), ex(".git*")], "sub/.git/config", true], // GP's dir filters are relative to the root
    [[ex("*"), inc("input file.txt")], "input file.txt", true],
    [[ex("*"), inc("input file.txt")], "input file.txt.bak", false],
    [[ex("*.(x)")], "a.(x)", false], // regex characters are literal
    [[ex("a+b")], "a+b", false],
    [[ex("Data/*")], "data/x", true], // case-sensitive, as on Linux
  ] as [FilterRule[], string, boolean][])("%j on %s → %s", (rules, rel, expected) => {
    expect(compileFilters(rules).isIncluded(rel)).toBe(expected);
  });

  it("prunes folders only when nothing under them can be included", () => {
    const f = compileFilters([ex("cache/*"), ex("*/tmp/*"), inc("cache/keep/*")]);
    expect(f.canPrune("cache/")).toBe(false); // cache/keep/ may hold included files
    expect(f.canPrune("cache/other/")).toBe(true);
    expect(f.canPrune("cache/keep/")).toBe(false);
    expect(f.canPrune("a/tmp/")).toBe(true);
    expect(f.canPrune("a/b/tmp/")).toBe(true);
    expect(f.canPrune("src/")).toBe(false);
    const g = compileFilters([ex("*.tmp")]);
    expect(g.canPrune("x/")).toBe(false);
  });

  it("narrows the listing to the literal prefix of the includes after a catch-all exclude", () => {
    expect(compileFilters([ex("*"), inc("jobs/42/out.txt")]).listingPrefix).toBe("jobs/42/out.txt");
    expect(compileFilters([ex("*"), inc("jobs/42/*"), inc("jobs/43/*")]).listingPrefix).toBe("jobs/4");
    expect(compileFilters([ex("*"), inc("*.txt")]).listingPrefix).toBe("");
    expect(compileFilters([ex("*.tmp"), inc("a*")]).listingPrefix).toBe("");
    expect(compileFilters([ex("*")]).includesNothing).toBe(true);
    expect(compileFilters([inc("a"), ex("*")]).includesNothing).toBe(true);
  });

  it("escapes a name so it matches only itself (fnmatch has no backslash escape)", () => {
    const f = compileFilters([ex("*"), inc(escapeFnmatch("data [v2]*?.txt"))]);
    expect(f.isIncluded("data [v2]*?.txt")).toBe(true);
    expect(f.isIncluded("data v.txt")).toBe(false);
    expect(compileFilters([ex("a\\*")]).isIncluded("a\\b")).toBe(false); // a backslash is a literal character
  });

  it("reads --exclude/--include arguments in order", () => {
    expect(filtersFromArgs(["--exclude", "*", "x", "--include=a*", "--delete"])).toEqual([ex("*"), inc("a*")]);
  });
});
