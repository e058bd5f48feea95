// The real job definitions (copied verbatim from the reference fixtures into demo/jobdefs) for tests.
import fs from "node:fs";
import path from "node:path";

export const demoJobDefsDir = path.resolve(__dirname, "../../demo/jobdefs");

export function readDemoJobDef(name: string): { text: string; json: Record<string, unknown> } {
  const text = fs.readFileSync(path.join(demoJobDefsDir, `${name}.json`), "utf8");
  return { text, json: JSON.parse(text) as Record<string, unknown> };
}
