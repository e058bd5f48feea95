// Demo-content seeders, run in order by prisma/seed.ts. Each area adds its own file here.
import type { Db } from "../db";
import type { Env } from "../env";
import { foundationSeeder } from "./foundation";
import { modulesSeeder } from "./modules";
import { jobdefsSeeder } from "./jobdefs";

export type Seeder = { name: string; run: (ctx: { db: Db; env: Env }) => Promise<void> };

export const seeders: Seeder[] = [foundationSeeder, modulesSeeder, jobdefsSeeder];
