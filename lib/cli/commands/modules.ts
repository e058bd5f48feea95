// gp-batch modules import --from <taskLib dir | GP URL> [--user U] [--password P] [--json]
// gp-batch modules list [--json]
// Imports into (or lists) the dashboard's module catalog in the database named by DATABASE_URL / GP_BATCH_DATA_DIR.
import path from "node:path";
import { getDb } from "../../db";
import { env } from "../../env";
import { listCatalog, saveCatalogEntries, type ImportSummary } from "../../modules/catalog";
import { ImportError, type CatalogEntry } from "../../modules/catalog-entry";
import { readGpServer } from "../../modules/import-gp-server";
import { readTaskLibFolder } from "../../modules/import-tasklib";
import { readUpload } from "../../modules/import-zip";
import { UsageError, parseCliArgs, type CliIo, type Command } from "../command";
import fs from "node:fs";

const usage = "usage: gp-batch modules import --from <taskLib dir | module zip | manifest | GP URL> [--user U] [--password P] [--json]\n       gp-batch modules list [--json]";

async function readSource(from: string, user: string | undefined, password: string | undefined, io: CliIo): Promise<{ entries: CatalogEntry[]; target: string }> {
  if (/^https?:\/\//i.test(from)) {
    const gp = env().gp;
    const entries = await readGpServer({ url: from, user: user ?? gp.user, password: password ?? gp.password }, (done, total) => {
      if (io.isTty) io.err(`\rreading manifests ${done}/${total}`);
    });
    if (io.isTty) io.err("\n");
    return { entries, target: `gp:${from}` };
  }
  const resolved = path.resolve(from);
  if (fs.existsSync(resolved) && fs.statSync(resolved).isFile()) {
    return { entries: [readUpload(new Uint8Array(fs.readFileSync(resolved)), path.basename(resolved))], target: `upload:${resolved}` };
  }
  return { entries: readTaskLibFolder(resolved), target: `taskLib:${resolved}` };
}

function printSummary(summary: ImportSummary, io: CliIo): void {
  for (const v of summary.versions) io.out(`${v.status.padEnd(9)} ${v.name} ${v.version} ${v.lsid}\n`);
  io.out(`${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged\n`);
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(args, {
    from: { type: "string" },
    user: { type: "string" },
    password: { type: "string" },
    json: { type: "boolean", default: false },
  });
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'\n${usage}`);
  if (!values.from) throw new UsageError(`--from is required\n${usage}`);
  const db = getDb();
  try {
    const { entries, target } = await readSource(values.from, values.user, values.password, io);
    const summary = await saveCatalogEntries(db, entries, {
      taskLibRoot: path.join(env().gpHomeDir, "taskLib"),
      audit: { actor: { id: null, username: `cli:${process.env.USER ?? "unknown"}` }, target },
    });
    if (values.json) io.out(`${JSON.stringify(summary)}\n`);
    else printSummary(summary, io);
    return 0;
  } catch (error) {
    if (error instanceof ImportError) {
      io.err(`gp-batch modules import: ${error.message}\nnothing was imported\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}

async function listCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(args, { json: { type: "boolean", default: false } }, false);
  const db = getDb();
  try {
    const versions = await listCatalog(db);
    if (values.json) io.out(`${JSON.stringify(versions.map(({ id, name, version, lsid, taskLibDir, source }) => ({ id, name, version, lsid, taskLibDir, source })))}\n`);
    else for (const v of versions) io.out(`${v.name}\t${v.version}\t${v.lsid}\t${v.taskLibDir ?? "-"}\n`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

export const command: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === "import") return importCommand(rest, io);
  if (sub === "list") return listCommand(rest, io);
  throw new UsageError(sub ? `unknown subcommand '${sub}'\n${usage}` : usage);
};
