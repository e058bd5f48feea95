// Seeds the embedded default's demo content. Idempotent: safe to run at every start.
import { getDb } from "../lib/db";
import { env } from "../lib/env";
import { seeders } from "../lib/seed";

const db = getDb();
try {
  for (const seeder of seeders) await seeder.run({ db, env: env() });
} finally {
  await db.$disconnect();
}
