// gp-batch resolve --config FILE [--groups userGroups.xml] [--user ID] [--group G]... [--module NAME] [--lsid LSID]
//   [--manifest FILE] [--input KEY=VALUE]... [--key K]... [--json] [--explain]
// Prints the effective properties for a module and user with the step, section and line that decided each.
// Exit 0 ok, 1 when an input file cannot be read or the config fails to load, 2 on usage errors.
import { readFile } from "node:fs/promises";
import { formatExplanation, formatGpValue, formatSource } from "../../config/explain";
import { parseConfig } from "../../config/parse";
import { explain, resolveAll, type Resolved, type ResolveContext } from "../../config/resolve";
import type { GpValue, ParsedConfig } from "../../config/types";
import { groupsForUser, parseUserGroups } from "../../config/user-groups";
import { lookupCatalogModule } from "../../modules/catalog-lookup";
import { parseManifest, type Manifest } from "../../modules/manifest";
import { parseCliArgs, parseKeyValues, UsageError, type CliIo, type Command } from "../command";

/** The seam for the module catalog: finds a module by name or LSID (returns its manifest when known). */
export type ModuleLookup = (nameOrLsid: string) => Promise<{ name: string; lsid?: string; manifest?: Manifest } | null>;

export const contextOptions = {
  config: { type: "string" },
  groups: { type: "string" },
  user: { type: "string" },
  group: { type: "string", multiple: true },
  module: { type: "string" },
  lsid: { type: "string" },
  manifest: { type: "string" },
  input: { type: "string", multiple: true },
  json: { type: "boolean" },
} as const;

type ContextValues = {
  config?: string;
  groups?: string;
  user?: string;
  group?: string[];
  module?: string;
  lsid?: string;
  manifest?: string;
  input?: string[];
};

/** A failure to report with exit 1 (unreadable file, bad manifest, config that fails to load). */
export class InputError extends Error {}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(`cannot read ${what} '${file}' (${code})`);
  }
}

/** Reads the config and builds the resolve context from the shared flags. */
export async function loadContext(
  values: ContextValues,
  io: CliIo,
  lookupModule?: ModuleLookup,
): Promise<{ cfg: ParsedConfig; ctx: ResolveContext; configFile: string; manifestFile?: string }> {
  if (!values.config) throw new UsageError("missing --config FILE");
  if (values.groups && !values.user) throw new UsageError("--groups needs --user (groups are derived for that user)");
  const configFile = values.config;
  const cfg = parseConfig(await readText(configFile, "config"), { fileName: configFile });
  if (!cfg.model) {
    const errors = cfg.diagnostics.filter((d) => d.severity === "error");
    const lines = errors.map((d) => `${configFile}:${d.range.start.line}:${d.range.start.col} ${d.severity} ${d.code} ${d.message}`);
    throw new InputError(`the config fails to load, so GP would use server properties only:\n${lines.join("\n")}`);
  }
  const ctx: ResolveContext = {};
  if (values.user) ctx.userId = values.user;
  const groups: string[] = [];
  if (values.groups) {
    const text = await readText(values.groups, "group file");
    try {
      groups.push(...groupsForUser(parseUserGroups(text), values.user!));
    } catch (error) {
      throw new InputError(`${values.groups}: ${(error as Error).message}`);
    }
  }
  for (const g of values.group ?? []) if (!groups.includes(g)) groups.push(g);
  if (groups.length) {
    if (!values.user) io.err("gp-batch: note: --group has no effect without --user (GP applies groups only for a user)\n");
    ctx.groups = groups;
  }
  if (values.module) {
    const found = lookupModule ? await lookupModule(values.module) : null;
    if (found) {
      ctx.moduleName = found.name;
      if (found.lsid) ctx.lsid = found.lsid;
      if (found.manifest) ctx.manifest = found.manifest;
    } else ctx.moduleName = values.module;
  }
  if (values.lsid) ctx.lsid = values.lsid;
  if (values.manifest) {
    const text = await readText(values.manifest, "manifest");
    try {
      ctx.manifest = parseManifest(text);
    } catch (error) {
      throw new InputError(`${values.manifest}: ${(error as Error).message}`);
    }
  }
  const input = parseKeyValues(values.input, "--input");
  if (Object.keys(input).length) ctx.jobInput = input;
  return { cfg, ctx, configFile, manifestFile: values.manifest };
}

export function jsonValue(value: GpValue): string | (string | null)[] | Record<string, unknown> | null {
  if (value.kind === "scalar") return value.value;
  if (value.kind === "list") return value.values;
  return value.entries;
}

function sortedEntries(all: Map<string, Resolved>, keys: string[] | undefined): Resolved[] {
  const list = keys ? keys.map((k) => all.get(k)).filter((r): r is Resolved => r !== undefined) : [...all.values()];
  return keys ? list : list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export async function runResolve(args: string[], io: CliIo, deps: { lookupModule?: ModuleLookup } = {}): Promise<number> {
  const { values, positionals } = parseCliArgs(args, { ...contextOptions, key: { type: "string", multiple: true }, explain: { type: "boolean" } }, false);
  void positionals;
  let loaded;
  try {
    loaded = await loadContext(values, io, deps.lookupModule);
  } catch (error) {
    if (error instanceof InputError) {
      io.err(`gp-batch resolve: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const { cfg, ctx, configFile } = loaded;
  const all = resolveAll(cfg, ctx);
  const keys = values.key;
  const selected = sortedEntries(all, keys);
  if (values.json) {
    const properties: Record<string, unknown> = {};
    for (const r of selected) {
      properties[r.key] = { value: jsonValue(r.value), source: { step: r.source.step, section: r.source.section, line: r.source.line } };
    }
    const output: Record<string, unknown> = { properties };
    if (values.explain) {
      output.explain = Object.fromEntries((keys ?? selected.map((r) => r.key)).map((k) => [k, explain(cfg, ctx, k)]));
    }
    io.out(JSON.stringify(output, null, 2) + "\n");
    return 0;
  }
  if (values.explain) {
    for (const key of keys ?? selected.map((r) => r.key)) io.out(formatExplanation(explain(cfg, ctx, key), configFile) + "\n");
    return 0;
  }
  for (const r of selected) io.out(`${r.key} = ${formatGpValue(r.value)}  (${formatSource(r.source, configFile)})\n`);
  for (const k of keys ?? []) if (!all.has(k)) io.out(`${k} is not set\n`);
  return 0;
}

export const command: Command = (args, io) => runResolve(args, io, { lookupModule: lookupCatalogModule });
