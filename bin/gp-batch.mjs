#!/usr/bin/env node
// Entry point of the gp-batch command line: loads the TypeScript sources through tsx.
import { register } from "tsx/esm/api";
import { fileURLToPath } from "node:url";
import path from "node:path";

register({ tsconfig: path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "tsconfig.json") });
const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
