import { describe, expect, it } from "vitest";
import { bytesToMiB, parseMemory, tryParseMemory } from "./memory";
import { parseWalltime, tryParseWalltime } from "./walltime";

const G = 1024 ** 3;

describe("Memory.fromString", () => {
  it.each([
    ["4Gb", 4 * G], ["2 Gb", 2 * G], ["512mb", 512 * 1024 ** 2], ["512m", 512 * 1024 ** 2], ["512 MB", 512 * 1024 ** 2],
    ["8", 8 * G], ["100b", 100], ["1k", 1024], ["1 KB", 1024], ["1t", 1024 ** 4], ["1tb", 1024 ** 4], ["1P", 1024 ** 5],
    ["1pb", 1024 ** 5], ["1.5g", 1.5 * G], ["320gb", 320 * G],
  ])("%s", (text, bytes) => {
    expect(parseMemory(text)).toBe(bytes);
  });
  it.each(["", "Gb", "4 GiB", "-1g", "4 g b", "four"])("rejects %j", (text) => {
    expect(() => parseMemory(text)).toThrow(/invalid memory value/);
    expect(tryParseMemory(text)).toBeNull();
  });
  it("converts to MiB rounding up", () => {
    expect(bytesToMiB(parseMemory("4Gb"))).toBe(4096);
    expect(bytesToMiB(parseMemory("1000k"))).toBe(1);
    expect(bytesToMiB(parseMemory("1025k"))).toBe(2);
  });
});

describe("Walltime.fromString", () => {
  it.each([
    ["02:00:00", 7200], ["72:00:00", 259200], ["7-00:00:00", 604800], ["1-02:03:04", 93784], ["05:30", 330], ["90", 90],
    ["7200", 7200],
  ])("%s", (text, seconds) => {
    expect(parseWalltime(text)).toBe(seconds);
  });
  it.each(["", "1:2:3:4", "1-05:00", "abc", "-5", "1h"])("rejects %j", (text) => {
    expect(() => parseWalltime(text)).toThrow(/invalid walltime/);
    expect(tryParseWalltime(text)).toBeNull();
  });
});
