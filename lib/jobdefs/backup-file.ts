// Reading a backup file back: JSON with line/column errors, and a schema check so a wrong file is refused clearly.
import { z } from "zod";
import { parseJsonSource } from "./json-source";
import { BACKUP_FORMAT, type BackupFile } from "./snapshots";

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  definitions: z.array(
    z.object({
      source: z.string(),
      name: z.string().min(1),
      revision: z.number().int().nonnegative(),
      arn: z.string().nullable(),
      status: z.string(),
      hash: z.string(),
      firstSeen: z.string(),
      lastSeen: z.string(),
      definition: z.record(z.string(), z.unknown()),
    }),
  ),
});

export type BackupParse = { ok: true; backup: BackupFile } | { ok: false; errors: string[] };

export function parseBackupFile(text: string, fileName = "backup"): BackupParse {
  const source = parseJsonSource(text);
  if (!source.ok) return { ok: false, errors: [`${fileName}:${source.error.line}:${source.error.col}: Invalid JSON: ${source.error.message}`] };
  const parsed = backupSchema.safeParse(source.value);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const at = source.locate(issue.path as PropertyKey[]).start;
        const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
        return `${fileName}:${at.line}:${at.col}: ${where}${issue.message}`;
      }),
    };
  }
  return { ok: true, backup: parsed.data as BackupFile };
}
