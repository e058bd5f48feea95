// gp-batch validate FILE [--json]: one line per diagnostic `FILE:LINE:COL severity code message`, or a JSON array.
// Exit 1 if any diagnostic is an error (an unreadable file included), 0 otherwise, 2 on usage errors.
import { readFile } from "node:fs/promises";
import { diagnostic, FILE_START, hasErrors } from "../../config/diagnostics";
import type { Diagnostic } from "../../config/types";
import { validateConfig } from "../../config/validate";
import { parseCliArgs, UsageError, type Command } from "../command";

export const command: Command = async (args, io) => {
  const { values, positionals } = parseCliArgs(args, { json: { type: "boolean" } });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "missing FILE (usage: gp-batch validate FILE [--json])" : "expects exactly one FILE");
  const file = positionals[0]!;

  let diagnostics: Diagnostic[];
  try {
    const text = await readFile(file, "utf8");
    diagnostics = validateConfig(text, { fileName: file });
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? `${(error as NodeJS.ErrnoException).code}: cannot read the file` : String(error);
    diagnostics = [diagnostic("file-unreadable", `${reason} (${file})`, [], FILE_START)];
  }

  if (values.json) io.out(JSON.stringify(diagnostics, null, 2) + "\n");
  else for (const d of diagnostics) io.out(formatDiagnostic(file, d) + "\n");
  return hasErrors(diagnostics) ? 1 : 0;
};

export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.range.start.line}:${d.range.start.col} ${d.severity} ${d.code} ${d.message.replace(/\s*\n\s*/g, " ")}`;
}
