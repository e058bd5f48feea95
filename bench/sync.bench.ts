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

function makeSmallTree(dir: string, count = 2000) {
  for (let i = 0; i < count; i++) {
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

type Tool = "ours" | "aws";
type Sample = { ms: number; cpuMs: number; serverCpuMs: number };

/** One sync by one tool: ours through the gp-batch CLI, aws through `aws s3 sync --endpoint-url`. */
async function syncWith(server: TestS3Server, tool: Tool, src: string, dst: string, concurrency?: number): Promise<Sample> {
  const env = { ...server.env, AWS_EC2_METADATA_DISABLED: "true" };
  const r =
    tool === "ours"
      ? await timed(server, `ours ${src} ${dst}`, process.execPath, [gpBatch, "sync", src, dst, ...(concurrency ? ["--concurrency", String(concurrency)] : [])], env)
      : await timed(server, `aws ${src} ${dst}`, AWS, ["s3", "sync", src, dst, "--endpoint-url", server.endpoint, "--only-show-errors"], env);
  return { ms: r.ms, cpuMs: r.cpuMs, serverCpuMs: r.serverCpuMs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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
    // s3rver is warmed up first (its JIT); then each round runs every scenario with both tools, alternating which goes
    // first, and the medians are reported.
    const warm = path.join(work, "warm");
    makeSmallTree(warm, 400);
    for (const tool of ["ours", "aws"] as const) {
      await syncWith(server, tool, warm, `s3://bench-${tool}/warm`, concurrency);
      await syncWith(server, tool, `s3://bench-${tool}/warm`, `${warm}-${tool}`, concurrency);
    }
    const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
    const scenarios = ["(a) upload 2,000 files of 1-64 KiB", "(b) re-sync, nothing changed", "(c) one 256 MiB file", "(d) download of (a) into an empty folder"];
    const samples = new Map<string, Record<Tool, Sample[]>>(scenarios.map((name) => [name, { ours: [], aws: [] }]));
    for (let round = 1; round <= rounds; round++) {
      const order: Tool[] = round % 2 ? ["ours", "aws"] : ["aws", "ours"];
      for (const tool of order) {
        const bucket = `s3://bench-${tool}/r${round}`;
        samples.get(scenarios[0]!)![tool].push(await syncWith(server, tool, small, `${bucket}/small`, concurrency));
        samples.get(scenarios[1]!)![tool].push(await syncWith(server, tool, small, `${bucket}/small`, concurrency));
        samples.get(scenarios[2]!)![tool].push(await syncWith(server, tool, big, `${bucket}/big`, concurrency));
        samples.get(scenarios[3]!)![tool].push(await syncWith(server, tool, `${bucket}/small`, path.join(work, `down-${tool}-${round}`), concurrency));
      }
      console.log(`round ${round}/${rounds} done (load ${fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0]})`);
    }
    console.log(`\nmedians of ${rounds} rounds:`);
    const rows = scenarios.map((name) => {
      const { ours, aws } = samples.get(name)!;
      const m = (list: Sample[], field: keyof Sample) => median(list.map((x) => x[field]));
      const row = { name, ours: m(ours, "ms"), aws: m(aws, "ms"), oursCpu: m(ours, "cpuMs"), awsCpu: m(aws, "cpuMs"), oursServerCpu: m(ours, "serverCpuMs"), awsServerCpu: m(aws, "serverCpuMs") };
      console.log(
        `${name.padEnd(40)} ours ${sec(row.ours)}  aws ${sec(row.aws)}  ratio ${(row.ours / row.aws).toFixed(2)}` +
          ` | client cpu ours ${sec(row.oursCpu)} aws ${sec(row.awsCpu)} ratio ${(row.oursCpu / row.awsCpu).toFixed(2)}` +
          ` | s3rver cpu ours ${sec(row.oursServerCpu)} aws ${sec(row.awsServerCpu)}`,
      );
      return { ...row, ratio: row.ours / row.aws, samples: { ours: ours.map((x) => Math.round(x.ms)), aws: aws.map((x) => Math.round(x.ms)) } };
    });
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
