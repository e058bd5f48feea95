// Takes docs/screenshot.png from a running app (README picture). Usage:
//   BASE_URL=http://localhost:3000 ADMIN_PASSWORD=... node scripts/screenshot.mjs [/path/to/page]
import path from "node:path";
import { chromium } from "@playwright/test";
import { root } from "./lib.mjs";

const base = process.env.BASE_URL || "http://localhost:3000";
const target = process.argv[2] || "/config";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 }, deviceScaleFactor: 1 });
  await page.goto(`${base}/login`);
  await page.getByLabel("Username").fill("admin");
  await page.getByLabel("Password").fill(process.env.ADMIN_PASSWORD || "");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Signed in user").waitFor();
  await page.goto(`${base}${target}`);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(1500);
  const out = path.join(root, "docs", "screenshot.png");
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
