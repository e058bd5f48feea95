// A real S3-protocol server (s3rver) on loopback for tests and benchmarks: its own child process under
// --openssl-legacy-provider (without it every truncated ListObjectsV2 answers 500), a random port, a temp folder.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { CreateBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { createS3Client } from "../storage/s3-client";
import { S3ObjectStore, type S3StoreOptions } from "../storage/s3-object-store";

export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export type TestS3Server = {
  endpoint: string;
  port: number;
  /** Process id of the server (for CPU accounting in benchmarks). */
  pid: number;
  /** Folder holding the server's objects. */
  dir: string;
  region: string;
  credentials: typeof S3RVER_CREDENTIALS;
  /** Environment for child processes (aws cli, gp-batch) pointed at this server. */
  env: Record<string, string>;
  client(): S3Client;
  store(bucket: string, options?: S3StoreOptions): S3ObjectStore;
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
};

const childScript = `
const S3rver = require(process.env.S3RVER_MODULE);
const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: process.env.S3RVER_DIR,
  configureBuckets: JSON.parse(process.env.S3RVER_BUCKETS).map((name) => ({ name })) });
server.run().then((addr) => { process.stdout.write(JSON.stringify({ port: addr.port }) + "\\n"); },
  (err) => { process.stderr.write(String(err && err.stack || err) + "\\n"); process.exit(1); });
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`;

export async function startS3Server(options: { buckets?: string[] } = {}): Promise<TestS3Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gp-s3rver-"));
  const s3rverModule = createRequire(path.join(process.cwd(), "package.json")).resolve("s3rver");
  const child: ChildProcess = spawn(process.execPath, ["--openssl-legacy-provider", "-e", childScript], {
    env: { ...process.env, NODE_OPTIONS: "", S3RVER_MODULE: s3rverModule, S3RVER_DIR: dir, S3RVER_BUCKETS: JSON.stringify(options.buckets ?? []) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`s3rver exited (${code}): ${stderr}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const region = "us-east-1";
  const client = () => createS3Client({ endpoint, region, credentials: S3RVER_CREDENTIALS, profile: undefined });
  const shared = client();
  return {
    endpoint,
    port,
    pid: child.pid!,
    dir,
    region,
    credentials: S3RVER_CREDENTIALS,
    env: {
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ENDPOINT_URL: endpoint,
      AWS_ENDPOINT_URL_S3: endpoint,
    },
    client,
    store: (bucket, storeOptions) => new S3ObjectStore(shared, bucket, { endpointLabel: endpoint, endpoint, ...storeOptions }),
    createBucket: async (name) => {
      await shared.send(new CreateBucketCommand({ Bucket: name }));
    },
    stop: async () => {
      shared.destroy();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
