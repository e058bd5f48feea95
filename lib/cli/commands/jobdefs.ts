// gp-batch jobdefs list|backup [--out FILE]|restore FILE|diff A B [--json]
// Uses the embedded registry by default and AWS Batch when GP_BATCH_EXECUTOR=aws. Every run refreshes the backups.
import fs from "node:fs";
import { createTwoFilesPatch } from "diff";
import { getDb, type Db } from "../../db";
import { parseBackupFile } from "../../jobdefs/backup-file";
import { effectiveResources, semanticDiff } from "../../jobdefs/diff";
import { findRevision } from "../../jobdefs/lookup";
import { normalizedJson } from "../../jobdefs/normalize";
import { openJobDefinitionRegistry } from "../../jobdefs/open-registry";
import { exportBackup, refreshSnapshots, restoreBackup } from "../../jobdefs/snapshots";
import { parseCliArgs, UsageError, type CliIo, type Command } from "../command";

const usage = "usage: gp-batch jobdefs list | backup [--out FILE] | restore FILE | diff A B [--json]   (A, B = name:revision)";

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ")).join("\n") + "\n";
}

async function list(db: Db, io: CliIo): Promise<number> {
  const registry = openJobDefinitionRegistry(db);
  const records = await registry.list();
  await refreshSnapshots(db, registry, records);
  const rows = [["NAME:REVISION", "STATUS", "IMAGE", "VCPUS", "MEMORY_MIB"]];
  for (const r of records) {
    const res = effectiveResources(r.definition);
    const image = String((r.definition.containerProperties as { image?: string } | undefined)?.image ?? "-");
    rows.push([`${r.name}:${r.revision}`, r.status, image, String(res.vcpus ?? "-"), String(res.memoryMiB ?? "-")]);
  }
  io.out(table(rows));
  return 0;
}

async function backup(db: Db, out: string | undefined, io: CliIo): Promise<number> {
  const registry = openJobDefinitionRegistry(db);
  await refreshSnapshots(db, registry);
  const file = await exportBackup(db);
  const text = JSON.stringify(file, null, 2) + "\n";
  if (out) {
    fs.writeFileSync(out, text);
    io.err(`backed up ${file.definitions.length} revision(s) to ${out}\n`);
  } else io.out(text);
  return 0;
}

async function restore(db: Db, file: string, io: CliIo): Promise<number> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    io.err(`gp-batch jobdefs: cannot read ${file}: ${(error as Error).message}\n`);
    return 1;
  }
  const parsed = parseBackupFile(text, file);
  if (!parsed.ok) {
    io.err(parsed.errors.join("\n") + "\n");
    return 1;
  }
  const registry = openJobDefinitionRegistry(db);
  const items = await restoreBackup(db, registry, parsed.backup);
  for (const item of items) {
    io.out(item.outcome.status === "registered" ? `registered ${item.outcome.ref} from ${item.from}\n` : `${item.from}: ${item.outcome.message}\n`);
  }
  const registered = items.filter((i) => i.outcome.status === "registered").length;
  io.out(`${registered} registered, ${items.length - registered} skipped\n`);
  return 0;
}

async function diff(db: Db, a: string, b: string, json: boolean, io: CliIo): Promise<number> {
  for (const ref of [a, b]) if (!/^[A-Za-z0-9][A-Za-z0-9_-]*:\d+$/.test(ref)) throw new UsageError(`'${ref}' must be name:revision`);
  const registry = openJobDefinitionRegistry(db);
  const [ra, rb] = await Promise.all([findRevision(db, registry, a), findRevision(db, registry, b)]);
  for (const [ref, found] of [[a, ra], [b, rb]] as const) {
    if (!found) {
      io.err(`gp-batch jobdefs: job definition ${ref} not found in the ${registry.source} registry or its backups\n`);
      return 1;
    }
  }
  const changes = semanticDiff(ra!.definition, rb!.definition);
  if (json) {
    io.out(JSON.stringify({ a, b, identical: changes.length === 0, changes }, null, 2) + "\n");
    return 0;
  }
  if (!changes.length) {
    io.out(`${a} and ${b} are identical (ignoring ARN, revision and status)\n`);
    return 0;
  }
  for (const c of changes) io.out(`* ${c.summary}\n`);
  io.out("\n" + createTwoFilesPatch(a, b, normalizedJson(ra!.definition) + "\n", normalizedJson(rb!.definition) + "\n", "", "", { context: 3 }));
  return 0;
}

export const command: Command = async (args, io) => {
  const { values, positionals } = parseCliArgs(args, { out: { type: "string" }, json: { type: "boolean" } });
  const [sub, ...rest] = positionals;
  const expect = (n: number) => {
    if (rest.length !== n) throw new UsageError(usage);
  };
  if (values.out !== undefined && sub !== "backup") throw new UsageError(`--out only applies to backup\n${usage}`);
  if (values.json && sub !== "diff") throw new UsageError(`--json only applies to diff\n${usage}`);
  const db = getDb();
  try {
    switch (sub) {
      case "list":
        expect(0);
        return await list(db, io);
      case "backup":
        expect(0);
        return await backup(db, values.out, io);
      case "restore":
        expect(1);
        return await restore(db, rest[0], io);
      case "diff":
        expect(2);
        return await diff(db, rest[0], rest[1], Boolean(values.json), io);
      default:
        throw new UsageError(usage);
    }
  } finally {
    await db.$disconnect();
  }
};
