// Reading config_custom.yaml from disk: strict UTF-8 (never garbled text), a size limit, and the hash that
// optimistic concurrency compares.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";

/** Larger files are refused with a message: GP itself is not meant for configs anywhere near this size. */
export const MAX_CONFIG_BYTES = 10 * 1024 * 1024;

export type ConfigFileErrorCode = "not-found" | "not-a-file" | "not-utf8" | "too-large" | "io";

export class ConfigFileError extends Error {
  readonly code: ConfigFileErrorCode;
  constructor(code: ConfigFileErrorCode, message: string) {
    super(message);
    this.name = "ConfigFileError";
    this.code = code;
  }
}

export function hashText(text: string): string {
  return hashBytes(Buffer.from(text, "utf8"));
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Decodes UTF-8 exactly (a BOM is kept, so the text re-encodes to the same bytes) or explains where it is not. */
export function decodeUtf8(bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const before = bytes.subarray(0, at);
    let line = 1;
    let lineStart = 0;
    before.forEach((b, i) => {
      if (b === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    });
    const col = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, at)).length + 1;
    const byte = bytes[at]?.toString(16).padStart(2, "0");
    throw new ConfigFileError(
      "not-utf8",
      `${fileName} is not valid UTF-8 (byte 0x${byte} at line ${line}, column ${col}, offset ${at}). ` +
        "GenePattern reads the config as UTF-8: convert the file (e.g. iconv -f latin1 -t utf-8) and reload.",
    );
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong 3/4-byte forms, surrogates and code points above U+10FFFF.
    const b1 = bytes[i + 1];
    if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f) || (b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) return i;
    i += need + 1;
  }
  return bytes.length;
}

export type ConfigFile = { text: string; hash: string; size: number; mtimeMs: number; mode: number };

/** Reads and decodes the config; throws ConfigFileError with a message fit for the admin. */
export async function readConfigFile(file: string): Promise<ConfigFile> {
  const stat = await fs.stat(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") throw new ConfigFileError("not-found", `The config file ${file} does not exist.`);
    throw new ConfigFileError("io", `Cannot read ${file}: ${err.message}`);
  });
  if (!stat.isFile()) throw new ConfigFileError("not-a-file", `${file} is not a regular file.`);
  if (stat.size > MAX_CONFIG_BYTES) {
    throw new ConfigFileError("too-large", `${file} is ${formatMb(stat.size)}; the editor accepts at most ${formatMb(MAX_CONFIG_BYTES)}.`);
  }
  const bytes = await fs.readFile(file).catch((err: NodeJS.ErrnoException) => {
    throw new ConfigFileError("io", `Cannot read ${file}: ${err.message}`);
  });
  const text = decodeUtf8(bytes, file);
  return { text, hash: hashBytes(bytes), size: bytes.length, mtimeMs: stat.mtimeMs, mode: stat.mode & 0o7777 };
}

/** The hash of the file's bytes, or null when it does not exist: cheap enough to poll for external changes. */
export async function readConfigHash(file: string): Promise<string | null> {
  const bytes = await fs.readFile(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw new ConfigFileError("io", `Cannot read ${file}: ${err.message}`);
  });
  return bytes ? hashBytes(bytes) : null;
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
