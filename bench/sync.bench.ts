// npm run bench:sync — our sync engine vs Debian's aws cli (`aws s3 sync`) against the same s3rver on loopback.
// (a) first upload of 2,000 files of 1–64 KiB, (b) re-sync with nothing changed, (c) one 256 MiB file,
// (d) download of (a) into an empty folder; then the peak memory of a dry-run plan over a 100,000-file tree.
// Both tools run as child processes (process start included). Figures are printed, nothing is asserted.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startS3Server, type TestS3Server } from "../lib/test/s3-server";

const AWS = "/usr/bin/aws";
const root = process.cwd();
const gpBatch = path.join(root, "bin", "gp-batch.mjs");

function ensureAwsCli() {
  if (fs.existsSync(AWS)) return;
  console.log("installing Debian's awscli (apt-get install -y awscli)…");
  const asRoot = process.getuid?.() === 0;
  const apt = (...args: string[]) => spawnSync(asRoot ? "apt-get" : "sudo", asRoot ? args : ["apt-get", ...args], { stdio: "inherit" }).status === 0;
  if (!apt("install", "-y", "awscli") && !(apt("update") && apt("install", "-y", "awscli"))) {
    console.error("could not install awscli");
    process.exit(1);
  }
}

/** Deterministic pseudo-random bytes, so every run uploads the same tree. */
function seededBytes(seed: number, size: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.writeUInt32LE(x >>> 0, Math.min(i, size - 4 < 0 ? 0 : size - 4));
  }
  return out;
}

function makeSmallTree(dir: string) {
  for (let i = 0; i < 2000; i++) {
    const size = 1024 + ((i * 2654435761) % (63 * 1024));
    const file = path.join(dir, `d${String(i % 40).padStart(2, "0")}`, `file-${String(i).padStart(4, "0")}.dat`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, seededBytes(i + 1, size));
  }
}

function makeBigFile(file: string, size: number) {
  const fd = fs.openSync(file, "w");
  const chunk = crypto.randomBytes(8 * 1024 * 1024);
  for (let written = 0; written < size; written += chunk.length) fs.writeSync(fd, chunk, 0, Math.min(chunk.length, size - written));
  fs.closeSync(fd);
}

type Measured = { ms: number; cpuMs: number; serverCpuMs: number; code: number; stdout: string; stderr: string };

/** CPU time (user + system) the s3rver process has used so far, from /proc. */
function serverCpuMs(server: TestS3Server): number {
  const fields = fs.readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
}

/** Runs a command under /usr/bin/time for its CPU time, and notes the server's CPU time meanwhile. */
function run(server: TestS3Server, cmd: string, args: string[], env: Record<string, string>): Promise<Measured> {
  return new Promise((resolve) => {
    const before = serverCpuMs(server);
    const start = process.hrtime.bigint();
    const child = spawn("/usr/bin/time", ["-f", "__cpu %U %S", cmd, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const m = /__cpu ([\d.]+) ([\d.]+)/.exec(stderr);
      const cpuMs = m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN;
      resolve({ ms, cpuMs, serverCpuMs: serverCpuMs(server) - before, code: code ?? 1, stdout, stderr });
    });
  });
}

async function timed(server: TestS3Server, label: string, cmd: string, args: string[], env: Record<string, string>): Promise<Measured> {
  const r = await run(server, cmd, args, env);
  if (r.code !== 0) {
    console.error(`${label} failed (${r.code}):\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
    process.exit(1);
  }
  return r;
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`;

async function compare(server: TestS3Server, name: string, ours: string[], aws: string[], concurrency?: number) {
  const env = { ...server.env, AWS_EC2_METADATA_DISABLED: "true" };
  const oursArgs = [gpBatch, "sync", ...ours, ...(concurrency ? ["--concurrency", String(concurrency)] : [])];
  const a = await timed(server, `${name} (ours)`, process.execPath, oursArgs, env);
  const b = await timed(server, `${name} (aws)`, AWS, ["s3", "sync", ...aws, "--endpoint-url", server.endpoint, "--only-show-errors"], env);
  const load = fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0];
  console.log(
    `${name.padEnd(40)} ours ${sec(a.ms)}  aws ${sec(b.ms)}  ratio ${(a.ms / b.ms).toFixed(2)}` +
      ` | client cpu ours ${sec(a.cpuMs)} aws ${sec(b.cpuMs)} ratio ${(a.cpuMs / b.cpuMs).toFixed(2)}` +
      ` | s3rver cpu ours ${sec(a.serverCpuMs)} aws ${sec(b.serverCpuMs)} | load ${load}`,
  );
  return { name, ours: a.ms, aws: b.ms, ratio: a.ms / b.ms, oursCpu: a.cpuMs, awsCpu: b.cpuMs, oursServerCpu: a.serverCpuMs, awsServerCpu: b.serverCpuMs, load: Number(load) };
}

/** Child mode: plan a dry run and report the peak RSS. */
async function planMemory(src: string, dst: string) {
  const { planSync, syncLocation } = await import("../lib/storage/sync");
  const started = Date.now();
  const plan = await planSync(syncLocation(src), syncLocation(dst));
  await plan.dispose();
  console.log(JSON.stringify({ files: plan.totals.filesToCopy, skipped: plan.totals.filesToSkip, ms: Date.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

function makeHugeTree(dir: string, count: number) {
  for (let d = 0; d < count / 1000; d++) {
    const sub = path.join(dir, `dir${String(d).padStart(3, "0")}`);
    fs.mkdirSync(sub, { recursive: true });
    for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(sub, `f${String(i).padStart(4, "0")}.txt`), "x");
  }
}

async function main() {
  if (process.argv[2] === "--plan-memory") return planMemory(process.argv[3]!, process.argv[4]!);
  ensureAwsCli();
  const concurrency = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "gp-sync-bench-"));
  const server = await startS3Server({ buckets: ["bench-ours", "bench-aws"] });
  try {
    const small = path.join(work, "small");
    makeSmallTree(small);
    const big = path.join(work, "big");
    fs.mkdirSync(big);
    makeBigFile(path.join(big, "big.bin"), 256 * 1024 * 1024);
    console.log(`aws cli: ${execFileSync(AWS, ["--version"]).toString().trim()}`);
    console.log(`s3rver at ${server.endpoint}; concurrency ${concurrency ?? "default"}; ${os.cpus().length} cores, load ${fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0]}\n`);
    // Wall time on a shared machine follows the s3rver process (one thread): the CPU columns show each client's cost.
    const rows = [];
    rows.push(await compare(server, "(a) upload 2,000 files of 1-64 KiB", [small, "s3://bench-ours/small"], [small, "s3://bench-aws/small"], concurrency));
    rows.push(await compare(server, "(b) re-sync, nothing changed", [small, "s3://bench-ours/small"], [small, "s3://bench-aws/small"], concurrency));
    rows.push(await compare(server, "(c) one 256 MiB file", [big, "s3://bench-ours/big"], [big, "s3://bench-aws/big"], concurrency));
    const downOurs = path.join(work, "down-ours");
    const downAws = path.join(work, "down-aws");
    rows.push(await compare(server, "(d) download of (a) into an empty folder", ["s3://bench-ours/small", downOurs], ["s3://bench-aws/small", downAws], concurrency));
    fs.rmSync(big, { recursive: true, force: true });

    const huge = path.join(work, "huge");
    makeHugeTree(huge, 100_000);
    const planMemory = async (label: string, dst: string) => {
      const r = await run(server, process.execPath, ["--import", "tsx", path.join(root, "bench", "sync.bench.ts"), "--plan-memory", huge, dst], server.env);
      const m = JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { files: number; skipped: number; ms: number; maxRssMb: number };
      console.log(`dry-run plan, 100,000-file tree ${label}: ${(m.ms / 1000).toFixed(1)} s, ${m.files} to copy, ${m.skipped} unchanged, peak RSS ${m.maxRssMb.toFixed(0)} MB`);
      return m;
    };
    console.log("");
    const memory = await planMemory("to an empty s3:// prefix", "s3://bench-ours/huge");
    // The same tree on both sides (hard links): both listings of 100,000 entries are merged.
    execFileSync("cp", ["-al", huge, `${huge}-store`]);
    const memoryBoth = await planMemory("against a folder store holding the same tree", `file:${huge}-store`);
    console.log(`\n${JSON.stringify({ rows, planMemory: memory, planMemoryBothSides: memoryBoth })}`);
  } finally {
    await server.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
