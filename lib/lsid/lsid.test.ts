import { describe, expect, it } from "vitest";
import {
  compareLsids, compareVersions, formatLsid, isEquivalent, isSimilar, javaUrlDecode, javaUrlEncode, lsidEquals,
  lsidNoVersion, normalizeLsid, parseLsid, parseVersionRange, rangeMatches, rangesOverlap, tryParseLsid,
} from "./index";

const CMS = "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00044:4";

describe("parseLsid", () => {
  it("parses the 6-part form", () => {
    expect(parseLsid(CMS)).toEqual({
      authority: "broad.mit.edu", namespace: "cancer.software.genepattern.module.analysis", identifier: "00044", version: "4",
    });
  });
  it("parses the 5-part form with an empty version", () => {
    expect(parseLsid("urn:lsid:a.org:ns:1").version).toBe("");
  });
  it.each([
    ["urn:lsid:a:b", /5 or 6/],
    ["urn:lsid:a:b:c:1:2", /5 or 6/],
    ["URN:lsid:a:b:c", /'urn'/],
    ["urn:LSID:a:b:c", /'lsid'/],
    ["urn:lsid:a:b:c:1.0-beta", /version '1.0-beta'/],
    ["urn:lsid:a:b:c:1..2", /version/],
    ["urn:lsid:a%zz:b:c", /authority is not URL-decodable/],
    ["urn:lsid:+:b:c", /authority must not be empty/],
  ])("rejects %s", (input, message) => {
    expect(() => parseLsid(input)).toThrow(message);
    expect(tryParseLsid(input)).toBeNull();
  });
  it("drops empty segments like Java's StringTokenizer", () => {
    expect(formatLsid(parseLsid("urn:lsid::a:b:c"))).toBe("urn:lsid:a:b:c");
  });
  it("accepts versions with a trailing dot like Java's split", () => {
    expect(parseLsid("urn:lsid:a:b:c:1.").version).toBe("1.");
  });
});

describe("normalisation", () => {
  it("URL-decodes on parse and re-encodes like java.net.URLEncoder", () => {
    expect(normalizeLsid("urn:lsid:my%20host:n s:id%2Fx:2")).toBe("urn:lsid:my+host:n+s:id%2Fx:2");
    expect(javaUrlEncode("a~b é*_-.")).toBe("a%7Eb+%C3%A9*_-.");
    expect(javaUrlDecode("a+b%C3%A9")).toBe("a bé");
  });
  it("keeps the version as written", () => {
    expect(normalizeLsid("urn:lsid:a:b:c:07.0")).toBe("urn:lsid:a:b:c:07.0");
  });
  it("drops the version with lsidNoVersion", () => {
    expect(lsidNoVersion(CMS)).toBe("urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00044");
  });
});

describe("equality", () => {
  const v4 = parseLsid(CMS);
  const v5 = parseLsid(CMS.replace(/:4$/, ":5"));
  const none = parseLsid(lsidNoVersion(CMS));
  it("equals needs the same version string", () => {
    expect(lsidEquals(v4, parseLsid(CMS))).toBe(true);
    expect(lsidEquals(v4, v5)).toBe(false);
  });
  it("isSimilar ignores the version; isEquivalent treats a missing version as a wildcard", () => {
    expect(isSimilar(v4, v5)).toBe(true);
    expect(isEquivalent(v4, v5)).toBe(false);
    expect(isEquivalent(v4, none)).toBe(true);
  });
});

describe("compareVersions (GP order: higher version first)", () => {
  it.each([
    ["2", "1", -1],
    ["1", "2", 1],
    ["1.2.1", "1.2", -1],
    ["1.10", "1.9", -1],
    ["7.0.17", "7.0.17", 0],
    ["1.2.0", "1.2", -1],
    ["1", "", -1],
  ])("%s vs %s", (a, b, sign) => {
    expect(Math.sign(compareVersions(a, b))).toBe(sign);
  });
  it("sorts newest first", () => {
    expect(["1.2", "1.10", "1.2.1", "2"].sort(compareVersions)).toEqual(["2", "1.10", "1.2.1", "1.2"]);
  });
  it("rejects malformed versions", () => {
    expect(() => compareVersions("1.x", "1")).toThrow(/dot-separated integers/);
  });
  it("compares dissimilar LSIDs by lower-case string", () => {
    expect(compareLsids(parseLsid("urn:lsid:B:x:1:9"), parseLsid("urn:lsid:a:x:1:1"))).toBeGreaterThan(0);
    expect(compareLsids(parseLsid("urn:lsid:a:x:1:9"), parseLsid("urn:lsid:a:x:1:10"))).toBeGreaterThan(0);
  });
});

describe("version ranges", () => {
  it.each([
    [">=6.15 <7", "6.15", true],
    [">=6.15 <7", "6.15.3", true],
    [">=6.15 <7", "6.14.9", false],
    [">=6.15 <7", "7", false],
    [">=6.15 <7", "6.99", true],
    ["6.x", "6", true],
    ["6.x", "6.0.1", true],
    ["6.x", "7", false],
    ["6.x", "5.99", false],
    ["6.15", "6.15", true],
    ["6.15", "6.15.0", false],
    ["=6.15", "6.16", false],
    [">6.15", "6.15", false],
    [">6.15", "6.15.0", true],
    ["<=2", "2", true],
    ["<=2", "2.0", false],
    ["*", "1.2.3", true],
    [">= 1 < 2", "1.5", true],
    ["6.x", "", false],
    ["6.x", "6.beta", false],
  ])("%s matches %s: %s", (range, version, expected) => {
    expect(rangeMatches(range, version)).toBe(expected);
  });

  it.each([
    ["6.x", ">=6.15 <7", true],
    ["6.x", "7.x", false],
    ["<7", ">=7", false],
    ["<=7", ">=7", true],
    [">6.15", "6.15", false],
    [">6.15", "<=6.15.0", true],
    ["6.15", "6.15", true],
    ["6.15", "6.16", false],
    ["*", "1.0", true],
    [">=1 <2", ">=2 <3", false],
    ["1.x", ">1.99999"],
  ].map((row) => (row.length === 2 ? [...row, true] : row)) as [string, string, boolean][])(
    "%s overlaps %s: %s", (a, b, expected) => {
      expect(rangesOverlap(a, b)).toBe(expected);
      expect(rangesOverlap(b, a)).toBe(expected);
    });

  it.each([
    ["", /empty range/],
    [">=", /has no version/],
    ["6.x.1", /wildcard may only be the last part/],
    [">=6.x", /wildcard cannot follow/],
    ["1.0-beta", /not a version/],
    [">=7 <6", /no version can satisfy/],
    ["<7 >=7", /no version can satisfy/],
  ])("rejects %j", (text, message) => {
    expect(() => parseVersionRange(text)).toThrow(message);
  });
});
