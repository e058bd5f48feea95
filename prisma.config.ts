// Prisma 6 CLI settings: the JS engine with the better-sqlite3 adapter runs offline (no engine download).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "./lib/database-url";

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  engine: "js",
  experimental: { adapter: true },
  async adapter() {
    return new PrismaBetterSQLite3({ url: databaseUrl() });
  },
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx prisma/seed.ts" },
});
