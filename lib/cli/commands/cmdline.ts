// gp-batch cmdline --config FILE --manifest FILE [context options as in resolve] [--param NAME=VALUE]... [--json]
//   [--job-id N] [--libdir DIR] [--workdir DIR] [--gp-home DIR]
// Prints the argv GP would run (shell-quoted, or a JSON array with --json); diagnostics go to stderr as
// `FILE:LINE:COL severity code message`. Exit 1 on an error diagnostic or unreadable input, 2 on usage errors.
import { gpBuiltIns } from "../../config/resolve";
import { buildCommandLine } from "../../config/substitute";
import type { Diagnostic } from "../../config/types";
import { env } from "../../env";
import { parseCliArgs, parseKeyValues, UsageError, type CliIo, type Command } from "../command";
import { contextOptions, InputError, loadContext, type ModuleLookup } from "./resolve";

/** Quotes an arg for a POSIX shell only when it needs it. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

function defaultGpHome(): string | undefined {
  try {
    return env().gpHomeDir;
  } catch {
    return undefined;
  }
}

export async function runCmdline(args: string[], io: CliIo, deps: { lookupModule?: ModuleLookup } = {}): Promise<number> {
  const { values } = parseCliArgs(args, {
    ...contextOptions,
    param: { type: "string", multiple: true },
    "job-id": { type: "string" },
    libdir: { type: "string" },
    workdir: { type: "string" },
    "gp-home": { type: "string" },
  }, false);
  if (!values.manifest && !values.module) throw new UsageError("missing --manifest FILE");
  const params = parseKeyValues(values.param, "--param");
  let loaded;
  try {
    loaded = await loadContext(values, io, deps.lookupModule);
  } catch (error) {
    if (error instanceof InputError) {
      io.err(`gp-batch cmdline: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const { cfg, ctx, configFile, manifestFile } = loaded;
  if (!ctx.manifest) {
    io.err(`gp-batch cmdline: no manifest for module '${values.module}'; pass --manifest FILE\n`);
    return 1;
  }
  const gpHome = values["gp-home"] ?? defaultGpHome();
  if (gpHome) ctx.builtIns = gpBuiltIns(gpHome);
  const jobId = values["job-id"] ?? "1";
  const result = buildCommandLine(cfg, ctx, {
    manifest: ctx.manifest,
    params,
    jobId,
    libdir: values.libdir ?? (gpHome ? `${gpHome}/taskLib/${ctx.manifest.name}` : undefined),
    workDir: values.workdir ?? (ctx.builtIns ? `${ctx.builtIns.jobs}/${jobId}` : undefined),
  });
  for (const d of result.diagnostics) io.err(formatDiagnostic(d, configFile, manifestFile ?? "manifest") + "\n");
  if (values.json) io.out(JSON.stringify(result.argv) + "\n");
  else {
    const redirects = [
      result.stdin !== undefined ? `< ${shellQuote(result.stdin)}` : "",
      result.stdout !== undefined ? `> ${shellQuote(result.stdout)}` : "",
      result.stderr !== undefined ? `2> ${shellQuote(result.stderr)}` : "",
    ].filter(Boolean);
    io.out([...result.argv.map(shellQuote), ...redirects].join(" ") + "\n");
  }
  return result.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}

function formatDiagnostic(d: Diagnostic, configFile: string, manifestFile: string): string {
  const file = d.path[0] === "manifest" ? manifestFile : configFile;
  return `${file}:${d.range.start.line}:${d.range.start.col} ${d.severity} ${d.code} ${d.message}`;
}

export const command: Command = (args, io) => runCmdline(args, io);
