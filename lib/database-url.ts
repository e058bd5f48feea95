// The SQLite file the app uses: DATABASE_URL when set, else <GP_BATCH_DATA_DIR or ./data>/gp-batch.db.
// Kept free of other imports so prisma.config.ts, the app and the CLI agree on one rule.
import path from "node:path";

export function dataDir(): string {
  return path.resolve(process.env.GP_BATCH_DATA_DIR || "data");
}

export function databaseUrl(): string {
  return process.env.DATABASE_URL || `file:${path.join(dataDir(), "gp-batch.db")}`;
}
