// Shared setup of the data-layer integration tests: a temp database with a config file the env points at,
// and an admin user to act as.
import fs from "node:fs";
import path from "node:path";
import type { DataContext } from "../data/context";
import type { Db } from "../db";
import { createTempDb, type TempDb } from "./temp-db";

export const demoConfig = fs.readFileSync(path.resolve(import.meta.dirname, "../../demo/config_custom.yaml"), "utf8");

/** A temp database whose folder holds `configText` as config_custom.yaml; GP_CONFIG_FILE and GP_BATCH_DATA_DIR point there. */
export async function createConfigWorkspace(configText: string): Promise<{ t: TempDb; configPath: string }> {
  const t = await createTempDb();
  const configPath = path.join(t.dir, "config_custom.yaml");
  fs.writeFileSync(configPath, configText);
  process.env.GP_CONFIG_FILE = configPath;
  process.env.GP_BATCH_DATA_DIR = t.dir;
  return { t, configPath };
}

export async function createAdminContext(db: Db): Promise<DataContext> {
  const user = await db.user.create({ data: { username: "admin", passwordHash: "x", role: "admin" } });
  return { db, user: { id: user.id, username: "admin", role: "admin" } };
}
