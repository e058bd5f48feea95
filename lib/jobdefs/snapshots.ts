// Backups of job definitions: every revision ever seen is kept in JobDefinitionSnapshot (normalized JSON, hash,
// first/last seen, status). Batch deletes deregistered revisions after 180 days; the snapshot stays.
import type { Db } from "../db";
import { jobDefinitionHash, normalizedJson } from "./normalize";
import { formatRef, latestActive, type JobDefinitionRecord, type JobDefinitionRegistry, type RegisteredRevision } from "./registry";
import type { RegisterJobDefinitionInput } from "./schema";

export type RefreshResult = { seen: number; added: number; statusChanged: number };

/** Records what the registry shows now. Never deletes a snapshot: revisions that vanished keep their last state. */
export async function refreshSnapshots(db: Db, registry: JobDefinitionRegistry, records?: JobDefinitionRecord[]): Promise<RefreshResult> {
  const list = records ?? (await registry.list());
  const existing = await db.jobDefinitionSnapshot.findMany({
    where: { source: registry.source },
    select: { id: true, name: true, revision: true, status: true },
  });
  const byRef = new Map(existing.map((s) => [formatRef(s.name, s.revision), s]));
  const now = new Date();
  let added = 0;
  let statusChanged = 0;
  const ops = [];
  for (const r of list) {
    const prior = byRef.get(formatRef(r.name, r.revision));
    if (!prior) {
      added++;
      ops.push(
        db.jobDefinitionSnapshot.create({
          data: {
            source: registry.source,
            name: r.name,
            revision: r.revision,
            arn: r.arn,
            status: r.status,
            json: normalizedJson(r.definition),
            hash: jobDefinitionHash(r.definition),
            firstSeen: now,
            lastSeen: now,
          },
        }),
      );
    } else {
      if (prior.status !== r.status) statusChanged++;
      ops.push(db.jobDefinitionSnapshot.update({ where: { id: prior.id }, data: { status: r.status, lastSeen: now } }));
    }
  }
  if (ops.length) await db.$transaction(ops);
  return { seen: list.length, added, statusChanged };
}

export const BACKUP_FORMAT = "gp-batch-jobdefs-backup";

export type BackupEntry = {
  source: string;
  name: string;
  revision: number;
  arn: string | null;
  status: string;
  hash: string;
  firstSeen: string;
  lastSeen: string;
  definition: Record<string, unknown>;
};
export type BackupFile = { format: typeof BACKUP_FORMAT; version: 1; exportedAt: string; definitions: BackupEntry[] };

export async function exportBackup(db: Db, options: { source?: string } = {}): Promise<BackupFile> {
  const rows = await db.jobDefinitionSnapshot.findMany({
    where: options.source ? { source: options.source } : undefined,
    orderBy: [{ source: "asc" }, { name: "asc" }, { revision: "asc" }],
  });
  return {
    format: BACKUP_FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    definitions: rows.map((r) => ({
      source: r.source,
      name: r.name,
      revision: r.revision,
      arn: r.arn,
      status: r.status,
      hash: r.hash,
      firstSeen: r.firstSeen.toISOString(),
      lastSeen: r.lastSeen.toISOString(),
      definition: JSON.parse(r.json) as Record<string, unknown>,
    })),
  };
}

export type RegisterOutcome =
  | { status: "registered"; ref: string; revision: RegisteredRevision }
  | { status: "skipped"; ref: string; message: string };

/**
 * Registers `input` unless it is identical (after normalization) to the latest ACTIVE revision of its name.
 * The new revision is snapshotted at once so it is backed up even if nobody views the list afterwards.
 */
export async function registerIfChanged(db: Db, registry: JobDefinitionRegistry, input: RegisterJobDefinitionInput): Promise<RegisterOutcome> {
  const records = await registry.list({ name: input.jobDefinitionName });
  const latest = latestActive(records, input.jobDefinitionName);
  if (latest && jobDefinitionHash(latest.definition) === jobDefinitionHash(input)) {
    const ref = formatRef(latest.name, latest.revision);
    return { status: "skipped", ref, message: `Not registered: identical to the latest revision ${ref}` };
  }
  const revision = await registry.register(input);
  await refreshSnapshots(db, registry, await registry.list({ name: input.jobDefinitionName }));
  return { status: "registered", ref: formatRef(revision.name, revision.revision), revision };
}

export type RestoreItem = { from: string; outcome: RegisterOutcome };

/**
 * Registers the backup's definitions again, oldest revision first per name. A definition identical to an
 * ACTIVE revision already in the registry is skipped with a message; everything else becomes a new revision.
 */
export async function restoreBackup(
  db: Db,
  registry: JobDefinitionRegistry,
  backup: BackupFile,
  options: { only?: (entry: BackupEntry) => boolean } = {},
): Promise<RestoreItem[]> {
  const items: RestoreItem[] = [];
  const entries = backup.definitions
    .filter((e) => options.only?.(e) ?? true)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.revision - b.revision));
  for (const entry of entries) {
    const from = `${formatRef(entry.name, entry.revision)} (${entry.source})`;
    const input = { ...entry.definition, jobDefinitionName: entry.name } as RegisterJobDefinitionInput;
    const records = await registry.list({ name: entry.name });
    const hash = jobDefinitionHash(input);
    const same = records.filter((r) => r.status === "ACTIVE" && jobDefinitionHash(r.definition) === hash);
    const latest = latestActive(records, entry.name);
    if (same.length) {
      const match = same[same.length - 1];
      const ref = formatRef(match.name, match.revision);
      const message = latest && latest.revision === match.revision ? `Skipped: identical to the latest revision ${ref}` : `Skipped: identical to active revision ${ref}`;
      items.push({ from, outcome: { status: "skipped", ref, message } });
      continue;
    }
    items.push({ from, outcome: await registerIfChanged(db, registry, input) });
  }
  return items;
}
