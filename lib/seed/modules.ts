// Seeds the demo catalog: the runnable demo modules (scripts installed under <gpHome>/taskLib so the local executor
// can run them) and the real GP manifests from the reference fixtures (catalogued only). Idempotent.
import path from "node:path";
import { readTaskLibFolder } from "../modules/import-tasklib";
import { saveCatalogEntries } from "../modules/catalog";
import type { Seeder } from "./index";

/** demo/modules in the repository; resolved from the working directory, as prisma/seed.ts runs from the root. */
export function demoModulesDir(): string {
  return path.resolve(process.cwd(), "demo", "modules");
}

export const modulesSeeder: Seeder = {
  name: "modules",
  run: async ({ db, env }) => {
    const entries = readTaskLibFolder(demoModulesDir(), { source: "demo", copyFiles: true });
    await saveCatalogEntries(db, entries, { taskLibRoot: path.join(env.gpHomeDir, "taskLib") });
  },
};
