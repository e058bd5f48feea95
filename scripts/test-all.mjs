// The whole test suite: type check, unit and integration (Vitest), then end-to-end (Playwright in Debian's Chromium).
// Installs what it needs first (npm packages, build tools, Debian's chromium) and ends with the test counts.
import fs from "node:fs";
import path from "node:path";
import { ensureInstalled, ensureChromium, ensureBuilt, run, root } from "./lib.mjs";

const reports = path.join(root, "playwright-report");
const vitestJson = path.join(reports, "vitest.json");
const e2eJson = path.join(reports, "e2e.json");
fs.mkdirSync(reports, { recursive: true });

const started = Date.now();
ensureInstalled();
ensureChromium();
run("npx", ["tsc", "--noEmit", "-p", "."]);
// s3rver's truncated listings need the legacy OpenSSL provider (see TOOLCHAIN.md).
run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`], {
  env: { NODE_OPTIONS: "--openssl-legacy-provider" },
});
ensureBuilt(".next-e2e");
run("npx", ["playwright", "test", "--reporter=list,json"], {
  env: { NEXT_DIST_DIR: ".next-e2e", PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson },
});

const unit = JSON.parse(fs.readFileSync(vitestJson, "utf8"));
const e2e = JSON.parse(fs.readFileSync(e2eJson, "utf8")).stats;
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(
  `\nAll tests passed in ${minutes} min: unit+integration ${unit.numPassedTests}/${unit.numTotalTests} tests ` +
    `(${unit.testResults.length} files), e2e ${e2e.expected} passed, ${e2e.flaky} flaky, ${e2e.skipped} skipped.`,
);
// The plain closing line CI reads: every test of both runners (a failure exits earlier, non-zero).
console.log(`tests: ${unit.numPassedTests + e2e.expected + e2e.flaky} passed, 0 failed`);
