// Shared shape of a gp-batch subcommand and its small argument parser.
import { parseArgs, type ParseArgsConfig } from "node:util";

export type CliIo = {
  out: (text: string) => void;
  err: (text: string) => void;
  isTty: boolean;
};

/** Returns the process exit code. Throw UsageError for bad flags (exit 2). */
export type Command = (args: string[], io: CliIo) => Promise<number>;

export class UsageError extends Error {}

/** node:util parseArgs, with its errors turned into usage errors. */
export function parseCliArgs<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Parses repeated KEY=VALUE flags; a key given twice becomes a list, as GP's job input does. */
export function parseKeyValues(pairs: string[] | undefined, flag: string): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf("=");
    if (eq <= 0) throw new UsageError(`${flag} expects KEY=VALUE, got '${pair}'`);
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const prior = result[key];
    result[key] = prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value];
  }
  return result;
}
