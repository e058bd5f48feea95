// Naming of in-progress files: written beside their final path, renamed into place when complete, ignored by walks.
import crypto from "node:crypto";
import path from "node:path";

const PARTIAL = /\.gp-partial-[0-9a-f]{12}$/;

export function partialNameFor(finalPath: string): string {
  return path.join(path.dirname(finalPath), `.${path.basename(finalPath)}.gp-partial-${crypto.randomBytes(6).toString("hex")}`);
}

export function isPartialName(name: string): boolean {
  return PARTIAL.test(name);
}
