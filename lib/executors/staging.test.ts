import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildExecScript, buildPullScript, defaultBindMounts, jobLayout, parseExitCodeFile, s3UriFor, shellQuote } from "./staging";

describe("jobLayout (§5.2)", () => {
  it("puts the meta dir beside the working dir", () => {
    expect(jobLayout("/opt/gp/jobResults", 42)).toEqual({
      jobNo: 42,
      jobsDir: "/opt/gp/jobResults",
      workDir: "/opt/gp/jobResults/42",
      metaDir: "/opt/gp/jobResults/42.meta",
      inputDir: "/opt/gp/jobResults/42/.inputs_for_42",
      execScript: "/opt/gp/jobResults/42.meta/exec.sh",
      pullScript: "/opt/gp/jobResults/42.meta/aws-sync-from-s3.sh",
      stdoutFile: "/opt/gp/jobResults/42.meta/stdout.txt",
      stderrFile: "/opt/gp/jobResults/42.meta/stderr.txt",
      exitCodeFile: "/opt/gp/jobResults/42.meta/exit_code.txt",
    });
  });
});

describe("shellQuote", () => {
  it("leaves plain words alone and escapes the rest like printf %q", () => {
    expect(shellQuote("-f/opt/gp/x.txt")).toBe("-f/opt/gp/x.txt");
    expect(shellQuote("a b")).toBe("a\\ b");
    expect(shellQuote("it's $HOME")).toBe("it\\'s\\ \\$HOME");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("two\nlines")).toBe("'two\nlines'");
  });

  it("round-trips awkward arguments through a real sh", () => {
    const args = ["plain", "with space", "quote'd", 'dq"', "$HOME", "`tick`", "semi;colon", "star*", "", "new\nline", "back\\slash", "tab\there"];
    const out = execFileSync("sh", ["-c", `for a in ${args.map(shellQuote).join(" ")}; do printf '%s|' "$a"; done`]).toString();
    expect(out).toBe(args.map((a) => `${a}|`).join(""));
  });
});

describe("buildExecScript (§5.4 step 3)", () => {
  it("writes stdout/stderr to the meta dir and the exit code once", () => {
    const script = buildExecScript({ workDir: "/jobs/7", metaDir: "/jobs/7.meta", argv: ["python3", "/lib/Mod/run.py", "in put.txt"] });
    expect(script).toBe(
      [
        "#!/bin/sh",
        "cd /jobs/7",
        "python3 /lib/Mod/run.py in\\ put.txt 2>/jobs/7.meta/stderr.txt >/jobs/7.meta/stdout.txt",
        "exit_code=$?",
        `printf '{"exit_code":%d}\\n' "$exit_code" > /jobs/7.meta/exit_code.txt`,
        'exit "$exit_code"',
        "",
      ].join("\n"),
    );
  });

  it("runs for real: exit code file holds a single object even when run twice", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "exec-sh-"));
    const work = path.join(dir, "1");
    const meta = `${work}.meta`;
    fs.mkdirSync(work);
    fs.mkdirSync(meta);
    const script = buildExecScript({ workDir: work, metaDir: meta, argv: ["sh", "-c", "echo out; echo err >&2; exit 3"] });
    fs.writeFileSync(path.join(meta, "exec.sh"), script);
    for (let i = 0; i < 2; i++) {
      try {
        execFileSync("sh", [path.join(meta, "exec.sh")]);
      } catch (e) {
        expect((e as { status: number }).status).toBe(3);
      }
    }
    expect(fs.readFileSync(path.join(meta, "stdout.txt"), "utf8")).toBe("out\n");
    expect(fs.readFileSync(path.join(meta, "stderr.txt"), "utf8")).toBe("err\n");
    expect(fs.readFileSync(path.join(meta, "exit_code.txt"), "utf8")).toBe('{"exit_code":3}\n');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("adds the stdin redirect", () => {
    expect(buildExecScript({ workDir: "/w", metaDir: "/w.meta", argv: ["cat"], stdinFile: "/in/x y" })).toContain("cat < /in/x\\ y 2>");
  });
});

describe("buildPullScript (§5.3 step 3)", () => {
  it("syncs files with include filters and dirs whole, logging to s3_downloads.log", () => {
    const script = buildPullScript({
      s3Root: "s3://bucket/gp",
      destPrefix: "/local",
      metaDir: "/jobs/7.meta",
      items: [
        { kind: "file", path: "/data/in.txt", role: "input" },
        { kind: "file", path: "/data/run.sh", role: "input", executable: true },
        { kind: "dir", path: "/opt/gp/taskLib/Mod.1", role: "taskLib" },
      ],
    });
    expect(script).toBe(
      [
        "#!/usr/bin/env bash",
        'aws s3 sync "s3://bucket/gp/data" "/local/data" --exclude "*" --include "in.txt" >> "/local/jobs/7.meta/s3_downloads.log"',
        'aws s3 sync "s3://bucket/gp/data" "/local/data" --exclude "*" --include "run.sh" >> "/local/jobs/7.meta/s3_downloads.log"',
        'chmod u+x "/local/data/run.sh"',
        'aws s3 sync "s3://bucket/gp/opt/gp/taskLib/Mod.1" "/local/opt/gp/taskLib/Mod.1" >> "/local/jobs/7.meta/s3_downloads.log"',
        "",
      ].join("\n"),
    );
  });
});

describe("helpers", () => {
  it("mirrors absolute paths under aws-s3-root (§5.8)", () => {
    expect(s3UriFor("s3://bucket/gp/", "/opt/gp/jobResults/42.meta")).toBe("s3://bucket/gp/opt/gp/jobResults/42.meta");
  });
  it("derives bind mounts from input parents plus the working dir", () => {
    expect(defaultBindMounts(["/data/a.txt", "/data/b.txt", "/jobs/1/c.txt", "/ref/x.gct"], "/jobs/1")).toEqual(["/data", "/ref", "/jobs/1"]);
  });
  it("parses exit_code.txt, taking the last object of an appended file", () => {
    expect(parseExitCodeFile('{ "exit_code": 0 }\n')).toBe(0);
    expect(parseExitCodeFile('{"exit_code":1}\n{"exit_code":142}\n')).toBe(142);
    expect(parseExitCodeFile("garbage")).toBeNull();
    expect(parseExitCodeFile("")).toBeNull();
  });
});
