// Reads an uploaded module zip (GP's export format: `manifest` plus the module's files at the root) or a bare
// manifest. Hostile archives are refused before anything is written: entries escaping the folder, absolute paths,
// too many entries, and files or totals over the limits (checked on the declared sizes and again after inflating).
import { unzipSync, type UnzipFileInfo } from "fflate";
import { ImportError, MAX_MANIFEST_BYTES, entryFromManifest, type CatalogEntry, type CatalogFile } from "./catalog-entry";

export type ZipLimits = { maxEntries: number; maxFileBytes: number; maxTotalBytes: number };

export const defaultZipLimits: ZipLimits = { maxEntries: 2_000, maxFileBytes: 100 * 1024 * 1024, maxTotalBytes: 250 * 1024 * 1024 };

/** Why an entry name is unsafe, or null when it is a plain relative path. */
export function unsafeEntryReason(name: string): string | null {
  if (name.includes("\u0000")) return "contains a NUL byte";
  const normalised = name.replace(/\\/g, "/");
  if (normalised.startsWith("/") || /^[A-Za-z]:/.test(normalised)) return "is an absolute path";
  if (normalised.split("/").some((part) => part === "..")) return "climbs out of the module folder (..)";
  return null;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

/** Reads a module zip into a catalog entry carrying its files. `fileName` only labels messages. */
export function readModuleZip(bytes: Uint8Array, fileName: string, limits: ZipLimits = defaultZipLimits): CatalogEntry {
  if (!isZip(bytes)) throw new ImportError(`${fileName}: not a zip archive`);
  const problems: string[] = [];
  let count = 0;
  let declaredTotal = 0;
  const inspect = (info: UnzipFileInfo): boolean => {
    count++;
    const reason = unsafeEntryReason(info.name);
    if (reason) problems.push(`entry '${info.name}' ${reason}`);
    if (info.originalSize > limits.maxFileBytes) problems.push(`entry '${info.name}' is ${info.originalSize} bytes, over the ${limits.maxFileBytes}-byte limit`);
    declaredTotal += info.originalSize;
    // Inflate nothing until every entry has been checked.
    return false;
  };
  try {
    unzipSync(bytes, { filter: inspect });
  } catch (error) {
    throw new ImportError(`${fileName}: the zip is damaged (${(error as Error).message})`);
  }
  if (count > limits.maxEntries) problems.push(`${count} entries, over the limit of ${limits.maxEntries}`);
  if (declaredTotal > limits.maxTotalBytes) problems.push(`${declaredTotal} bytes uncompressed, over the ${limits.maxTotalBytes}-byte limit`);
  if (problems.length) throw new ImportError(`${fileName}: refused`, problems);

  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(bytes, { filter: (info) => !info.name.endsWith("/") });
  } catch (error) {
    throw new ImportError(`${fileName}: the zip is damaged (${(error as Error).message})`);
  }
  const files: CatalogFile[] = [];
  let total = 0;
  for (const [name, data] of Object.entries(unzipped)) {
    // Sizes in the headers can lie; the inflated data cannot.
    total += data.length;
    if (data.length > limits.maxFileBytes || total > limits.maxTotalBytes) throw new ImportError(`${fileName}: refused`, [`entry '${name}' inflates beyond the size limit`]);
    files.push({ path: name.replace(/\\/g, "/"), data });
  }
  const manifest = files.find((f) => f.path === "manifest");
  if (!manifest) {
    const nested = files.find((f) => f.path.endsWith("/manifest"));
    const zips = files.filter((f) => f.path.endsWith(".zip"));
    const hint = nested
      ? ` (found '${nested.path}': zip the module folder's contents, not the folder)`
      : zips.length
        ? " (this looks like a pipeline or suite zip of module zips; upload each module zip)"
        : "";
    throw new ImportError(`${fileName}: no 'manifest' at the top of the zip${hint}`);
  }
  if (manifest.data.length > MAX_MANIFEST_BYTES) throw new ImportError(`${fileName}: manifest is larger than 1 MiB`);
  const text = decodeText(manifest.data);
  return entryFromManifest(text, { origin: `${fileName}/manifest`, source: "upload", files });
}

function decodeText(data: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    // Java writes .properties in ISO-8859-1 (non-ASCII as \u escapes); accept that rather than refuse old manifests.
    return new TextDecoder("latin1").decode(data);
  }
}

/** An uploaded bare manifest: catalogued without module files (taskLibDir stays empty). */
export function readUploadedManifest(bytes: Uint8Array, fileName: string): CatalogEntry {
  if (bytes.length > MAX_MANIFEST_BYTES) throw new ImportError(`${fileName}: manifest is larger than 1 MiB`);
  return entryFromManifest(decodeText(bytes), { origin: fileName, source: "upload" });
}

/** Zip or manifest, by content. */
export function readUpload(bytes: Uint8Array, fileName: string, limits?: ZipLimits): CatalogEntry {
  return isZip(bytes) ? readModuleZip(bytes, fileName, limits) : readUploadedManifest(bytes, fileName);
}
