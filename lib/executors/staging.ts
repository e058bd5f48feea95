// GenePattern's per-job layout and the scripts it generates (reference §5.2–§5.5, §5.8): the working dir, the
// `.meta` dir, exec.sh (run in the container), the pull script aws-sync-from-s3.sh, and reading exit_code.txt.
import path from "node:path";

export const EXEC_SCRIPT = "exec.sh";
export const STDOUT_FILE = "stdout.txt";
export const STDERR_FILE = "stderr.txt";
export const EXIT_CODE_FILE = "exit_code.txt";
export const DOWNLOADS_LOG = "s3_downloads.log";

export type JobLayout = {
  jobNo: number;
  jobsDir: string;
  /** `<jobs>/<id>` */
  workDir: string;
  /** `<jobs>/<id>.meta`, a sibling of the working dir (§5.2). */
  metaDir: string;
  /** `<workdir>/.inputs_for_<id>`: created and left empty, still passed as inputFileDirectory. */
  inputDir: string;
  execScript: string;
  pullScript: string;
  stdoutFile: string;
  stderrFile: string;
  exitCodeFile: string;
};

export function jobLayout(jobsDir: string, jobNo: number, syncScriptName = "aws-sync-from-s3.sh"): JobLayout {
  const workDir = path.posix.join(jobsDir, String(jobNo));
  const metaDir = `${workDir}.meta`;
  return {
    jobNo,
    jobsDir,
    workDir,
    metaDir,
    inputDir: path.posix.join(workDir, `.inputs_for_${jobNo}`),
    execScript: path.posix.join(metaDir, EXEC_SCRIPT),
    pullScript: path.posix.join(metaDir, syncScriptName),
    stdoutFile: path.posix.join(metaDir, STDOUT_FILE),
    stderrFile: path.posix.join(metaDir, STDERR_FILE),
    exitCodeFile: path.posix.join(metaDir, EXIT_CODE_FILE),
  };
}

const SAFE = /^[A-Za-z0-9_.\/:=@%+,-]+$/;

/**
 * Quotes one argument the way bash's `printf %q` does (backslash before each special character), but portable to
 * plain `sh`: an empty string becomes '' and a string with a newline is single-quoted (printf %q's $'…' is bash-only).
 */
export function shellQuote(arg: string): string {
  if (arg === "") return "''";
  if (SAFE.test(arg)) return arg;
  if (/[\n\r]/.test(arg)) return `'${arg.replace(/'/g, `'\\''`)}'`;
  return arg.replace(/[^A-Za-z0-9_.\/:=@%+,-]/g, (c) => `\\${c}`);
}

export type ExecScriptSpec = {
  workDir: string;
  metaDir: string;
  argv: string[];
  stdinFile?: string | null;
};

/**
 * exec.sh as runOnBatch-v0.4.sh writes it: cd, the quoted argv, stdout/stderr into the meta dir, then the exit
 * code as `{"exit_code":N}`. Unlike GP (§8 item 16) the file is written once (`>`, not `>>`), so a retried attempt
 * cannot leave two objects, and the script exits with the module's code instead of the echo's.
 */
export function buildExecScript(spec: ExecScriptSpec): string {
  const meta = spec.metaDir;
  const command = spec.argv.map(shellQuote).join(" ");
  const stdin = spec.stdinFile ? ` < ${shellQuote(spec.stdinFile)}` : "";
  return [
    "#!/bin/sh",
    `cd ${shellQuote(spec.workDir)}`,
    `${command}${stdin} 2>${shellQuote(`${meta}/${STDERR_FILE}`)} >${shellQuote(`${meta}/${STDOUT_FILE}`)}`,
    "exit_code=$?",
    `printf '{"exit_code":%d}\\n' "$exit_code" > ${shellQuote(`${meta}/${EXIT_CODE_FILE}`)}`,
    'exit "$exit_code"',
    "",
  ].join("\n");
}

export type StagedItem = { kind: "file" | "dir"; path: string; executable?: boolean; role: "input" | "taskLib" | "wrapper-scripts" | "patch" };

/** `<aws-s3-root><absolute path>` (§5.8). */
export function s3UriFor(s3Root: string, absPath: string): string {
  return `${s3Root.replace(/\/+$/, "")}${absPath.startsWith("/") ? "" : "/"}${absPath}`;
}

function q(s: string) {
  return `"${s.replace(/(["\\$`])/g, "\\$1")}"`;
}

export type PullScriptSpec = { s3Root: string; destPrefix: string; metaDir: string; items: StagedItem[] };

/** The pull script GP writes to `<meta>/aws-sync-from-s3.sh` (§5.3 step 3), sourced by the container wrapper. */
export function buildPullScript(spec: PullScriptSpec): string {
  const log = q(`${spec.destPrefix}${spec.metaDir}/${DOWNLOADS_LOG}`);
  const lines = ["#!/usr/bin/env bash"];
  for (const item of spec.items) {
    if (item.kind === "file") {
      const dir = path.posix.dirname(item.path);
      const name = path.posix.basename(item.path);
      lines.push(`aws s3 sync ${q(s3UriFor(spec.s3Root, dir))} ${q(`${spec.destPrefix}${dir}`)} --exclude "*" --include ${q(name)} >> ${log}`);
      if (item.executable) lines.push(`chmod u+x ${q(`${spec.destPrefix}${item.path}`)}`);
    } else {
      lines.push(`aws s3 sync ${q(s3UriFor(spec.s3Root, item.path))} ${q(`${spec.destPrefix}${item.path}`)} >> ${log}`);
    }
  }
  lines.push("");
  return lines.join("\n");
}

/** GP_JOB_DOCKER_BIND_MOUNTS when job.docker.bind_mounts is unset: parents of the inputs (not the working dir), then the working dir. */
export function defaultBindMounts(inputFiles: string[], workDir: string): string[] {
  const mounts: string[] = [];
  for (const file of inputFiles) {
    const parent = path.posix.dirname(file);
    if (parent === workDir || parent.startsWith(`${workDir}/`)) continue;
    if (!mounts.includes(parent)) mounts.push(parent);
  }
  mounts.push(workDir);
  return mounts;
}

/**
 * Reads `{"exit_code":N}`. GP's file could hold several appended objects (§8 item 16); the last one wins here
 * rather than failing. Returns null when there is no usable number.
 */
export function parseExitCodeFile(text: string | null | undefined): number | null {
  if (!text) return null;
  const matches = [...text.matchAll(/\{\s*"exit_code"\s*:\s*(-?\d+)\s*\}/g)];
  if (matches.length === 0) return null;
  return Number.parseInt(matches[matches.length - 1][1], 10);
}
