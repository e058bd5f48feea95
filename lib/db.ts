// The one Prisma client. Password hashes are omitted from every query unless a caller asks for them.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { databaseUrl } from "./database-url";

export type Db = ReturnType<typeof createDb>;

export function createDb(url: string = databaseUrl()) {
  const adapter = new PrismaBetterSQLite3({ url });
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

const globalForDb = globalThis as unknown as { gpBatchDb?: Db };

/** Shared client; survives Next.js dev reloads. */
export function getDb(): Db {
  globalForDb.gpBatchDb ??= createDb();
  return globalForDb.gpBatchDb;
}
