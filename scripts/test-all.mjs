// The whole test suite: type check, unit and integration (Vitest), then end-to-end (Playwright in Debian's Chromium).
import { ensureInstalled, ensureChromium, ensureBuilt, run } from "./lib.mjs";

ensureInstalled();
ensureChromium();
run("npx", ["tsc", "--noEmit", "-p", "."]);
// s3rver's truncated listings need the legacy OpenSSL provider (see TOOLCHAIN.md).
run("npx", ["vitest", "run"], { env: { NODE_OPTIONS: "--openssl-legacy-provider" } });
ensureBuilt(".next-e2e");
run("npx", ["playwright", "test"], { env: { NEXT_DIST_DIR: ".next-e2e" } });
