// The catalog behind `gp-batch resolve --module`: a module name or LSID becomes its name, full LSID and manifest
// (newest version unless the LSID has one). Opens the database only when asked, and never fails the command:
// without a catalog the name is used as given.
import { parseManifest, type Manifest } from "./manifest";

export type CatalogModule = { name: string; lsid?: string; manifest?: Manifest };

export async function lookupCatalogModule(nameOrLsid: string): Promise<CatalogModule | null> {
  const [{ createDb }, { findModuleVersion, getManifestText }] = await Promise.all([import("../db"), import("./catalog")]);
  const db = createDb();
  try {
    const version = await findModuleVersion(db, nameOrLsid);
    if (!version) return null;
    const text = await getManifestText(db, version.id);
    let manifest: Manifest | undefined;
    try {
      manifest = text ? parseManifest(text) : undefined;
    } catch {
      manifest = undefined;
    }
    return { name: version.name, lsid: version.lsid, manifest };
  } catch {
    // No database or no catalog tables yet: resolve by name alone, as before.
    return null;
  } finally {
    await db.$disconnect();
  }
}
