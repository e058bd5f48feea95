// Seeds the embedded job-definition registry with the demo definitions and the two real ones from the fixtures
// (demo/jobdefs/*.json), the candidate and production environments, and a first snapshot of each.
import fs from "node:fs";
import path from "node:path";
import { createLocalRegistry } from "../jobdefs/local-registry";
import { checkJobDefinitionJson, formatJobDefinitionDiagnostics } from "../jobdefs/schema";
import { refreshSnapshots } from "../jobdefs/snapshots";
import type { Seeder } from "./index";

const DEMO_DEFINITIONS = ["Demo_Generic", "Python36_Generic", "S3ModuleWrapper", "Java17_Oracle_Generic"];
export const DEFAULT_ENVIRONMENTS = ["candidate", "production"];

export const jobdefsSeeder: Seeder = {
  name: "jobdefs",
  async run({ db }) {
    const registry = createLocalRegistry(db);
    for (const name of DEMO_DEFINITIONS) {
      if (await db.localJobDefinition.findFirst({ where: { name } })) continue;
      const file = path.join(process.cwd(), "demo", "jobdefs", `${name}.json`);
      const checked = checkJobDefinitionJson(fs.readFileSync(file, "utf8"));
      if (!checked.ok) throw new Error(formatJobDefinitionDiagnostics(checked.diagnostics, file));
      await registry.register(checked.definition);
    }
    await refreshSnapshots(db, registry);
    for (const name of DEFAULT_ENVIRONMENTS) {
      await db.environment.upsert({ where: { name }, create: { name }, update: {} });
    }
  },
};
