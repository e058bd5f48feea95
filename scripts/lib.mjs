// Small helpers shared by the start and test scripts (plain Node: they run before npm install).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export function run(cmd, args, options = {}) {
  console.log(`$ ${cmd} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, { stdio: "inherit", cwd: root, ...options, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...options.env } });
  if (result.status !== 0) {
    console.error(`${cmd} ${args.join(" ")} failed with exit code ${result.status}`);
    process.exit(result.status ?? 1);
  }
}

/** npm ci when node_modules is missing or older than the lock file. */
export function ensureInstalled() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs;
  if (stale) {
    ensureBuildTools();
    run("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"]);
  }
  if (!fs.existsSync(path.join(root, "lib", "generated", "prisma"))) run("npx", ["prisma", "generate"]);
}

/** Installs Debian packages as root, or through sudo; waits for a concurrent apt/dpkg run instead of failing on its lock. */
export function aptInstall(packages) {
  const asRoot = process.getuid && process.getuid() === 0;
  const apt = (args) => {
    const full = ["-o", "DPkg::Lock::Timeout=600", ...args];
    if (asRoot) run("apt-get", full, { env: { DEBIAN_FRONTEND: "noninteractive" } });
    else run("sudo", ["DEBIAN_FRONTEND=noninteractive", "apt-get", ...full]);
  };
  apt(["update"]);
  apt(["install", "-y", "--no-install-recommends", ...packages]);
}

function onPath(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/** better-sqlite3 compiles from source during npm ci: it needs make, a C++ compiler and python3. */
export function ensureBuildTools() {
  const missing = [["make", "make"], ["g++", "g++"], ["python3", "python3"]].filter(([cmd]) => !onPath(cmd)).map(([, pkg]) => pkg);
  if (missing.length) aptInstall(missing);
}

/** Debian's Chromium for Playwright: browsers cannot be downloaded here. */
export function ensureChromium() {
  if (!fs.existsSync("/usr/bin/chromium")) aptInstall(["chromium"]);
}

/** Build once per source state: skipped when the build is newer than every source file. */
export function ensureBuilt(distDir = ".next") {
  const buildId = path.join(root, distDir, "BUILD_ID");
  if (fs.existsSync(buildId) && !newerThan(fs.statSync(buildId).mtimeMs)) return;
  run("npx", ["next", "build"], { env: { NEXT_DIST_DIR: distDir } });
}

function newerThan(time) {
  const dirs = ["app", "components", "lib", "prisma", "public"];
  const files = ["package-lock.json", "next.config.js", "tsconfig.json"];
  for (const f of files) if (fs.existsSync(path.join(root, f)) && fs.statSync(path.join(root, f)).mtimeMs > time) return true;
  const stack = dirs.map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
  while (stack.length) {
    const dir = stack.pop();
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "generated" || entry.name === "node_modules") continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(p);
      else if (fs.statSync(p).mtimeMs > time) return true;
    }
  }
  return false;
}
