// The one Prisma client. Password hashes are omitted from every query unless a caller asks for them.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { databaseUrl } from "./database-url";

export type Db = ReturnType<typeof createDb>;

export function createDb(url: string = databaseUrl()) {
  useWriteAheadLog(url);
  const adapter = new PrismaBetterSQLite3({ url });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

const globalForDb = globalThis as unknown as { gpBatchDb?: Db };

/** Shared client; survives Next.js dev reloads. */
export function getDb(): Db {
  globalForDb.gpBatchDb ??= createDb();
  return globalForDb.gpBatchDb;
}

/**
 * WAL lets the job supervisor, the sync engine and page reads work at once and makes each commit cheap
 * (a local job commits ~10 state/progress rows). The mode is stored in the file, so setting it once suffices.
 */
function useWriteAheadLog(url: string) {
  if (!url.startsWith("file:")) return;
  const file = path.resolve(url.slice("file:".length));
  if (!fs.existsSync(file)) return;
  const sqlite = new Database(file);
  try {
    if (sqlite.pragma("journal_mode", { simple: true }) !== "wal") sqlite.pragma("journal_mode = WAL");
  } finally {
    sqlite.close();
  }
}
