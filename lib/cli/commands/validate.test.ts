import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../main";

function fakeIo() {
  const io = { stdout: "", stderr: "", out: (s: string) => void (io.stdout += s), err: (s: string) => void (io.stderr += s), isTty: false };
  return io;
}

const dir = mkdtempSync(path.join(tmpdir(), "gp-validate-"));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
const good = write("good.yaml", "executors:\n  A: org.example.A\ndefault.properties:\n  executor: A\n");
const warn = write("warn.yaml", "executors:\n  A: org.example.A\ndefault.properties:\n  executor: A\n  job.walltime: 2:00:00\n");
const bad = write("bad.yaml", "default.properties:\n  executor: A\n  since: 2020-01-01\n");
const broken = write("broken.yaml", "executors: [\n");

describe("gp-batch validate", () => {
  it.each([
    ["a clean file", good, 0, ""],
    ["warnings only", warn, 0, `${warn}:5:17 warning unquoted-walltime Unquoted 2:00:00 is a base-60 number in YAML 1.1: GP reads "7200". Quote it: "2:00:00".\n`],
    [
      "errors",
      bad,
      1,
      `${bad}:1:1 error missing-executors There is no 'executors' section; GP fails to load a config without one.\n` +
        `${bad}:3:10 error unquoted-date Unquoted date 2020-01-01 becomes a Date and GP fails to load the whole file. Quote it.\n`,
    ],
  ])("%s: one FILE:LINE:COL line per diagnostic", async (_label, file, code, output) => {
    const io = fakeIo();
    expect(await main(["validate", file], io)).toBe(code);
    expect(io.stdout).toBe(output);
    expect(io.stderr).toBe("");
  });

  it("reports YAML syntax errors with their position", async () => {
    const io = fakeIo();
    expect(await main(["validate", broken], io)).toBe(1);
    expect(io.stdout).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:2:1 error yaml-syntax `));
  });

  it("--json prints the diagnostics as a JSON array", async () => {
    const io = fakeIo();
    expect(await main(["validate", warn, "--json"], io)).toBe(0);
    const parsed = JSON.parse(io.stdout);
    expect(parsed).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "unquoted-walltime",
        path: ["default.properties", "job.walltime"],
        range: { start: { line: 5, col: 17 }, end: { line: 5, col: 24 } },
        fix: { title: 'Quote it: "2:00:00"', replacement: '"2:00:00"' },
      }),
    ]);
    const clean = fakeIo();
    expect(await main(["validate", "--json", good], clean)).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual([]);
  });

  it("an unreadable file is an error diagnostic (exit 1), not a usage error", async () => {
    const missing = path.join(dir, "missing.yaml");
    const io = fakeIo();
    expect(await main(["validate", missing], io)).toBe(1);
    expect(io.stdout).toBe(`${missing}:1:1 error file-unreadable ENOENT: cannot read the file (${missing})\n`);
    const json = fakeIo();
    expect(await main(["validate", missing, "--json"], json)).toBe(1);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ code: "file-unreadable", severity: "error" });
    const directory = fakeIo();
    expect(await main(["validate", dir], directory)).toBe(1);
    expect(directory.stdout).toContain("error file-unreadable EISDIR");
  });

  it.each([
    ["no file", ["validate"]],
    ["two files", ["validate", good, warn]],
    ["an unknown flag", ["validate", good, "--strict"]],
    ["a value for --json", ["validate", good, "--json=yes"]],
  ])("exit 2 on usage errors: %s", async (_label, argv) => {
    const io = fakeIo();
    expect(await main(argv, io)).toBe(2);
    expect(io.stdout).toBe("");
    expect(io.stderr).toMatch(/^gp-batch validate: /);
  });
});
