// The Sync page: plan a sync with a dry run, then run it between a local folder and the (embedded) store, watching
// the progress reach 100%; a viewer sees the runs but cannot start one.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";

test("plans, then runs a sync from a local folder to the store with live progress", async ({ page }) => {
  await page.goto("/sync");
  await expect(page.getByRole("heading", { name: "Sync", level: 1 })).toBeVisible();
  const root = (await page.getByLabel("Allowed local folders").innerText()).split(":")[0]!;
  const tag = `e2e-${Date.now().toString(36)}`;
  const src = path.join(root, `sync-src-${tag}`);
  for (let i = 0; i < 40; i++) {
    const file = path.join(src, i % 2 ? "sub dir" : "", `file ${i}.txt`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `line ${i}\n`.repeat(2000 + i * 50));
  }
  fs.writeFileSync(path.join(src, "scratch.tmp"), "not synced");

  await page.getByLabel("Source", { exact: true }).fill(src);
  await page.getByLabel("Destination", { exact: true }).fill(`s3://gp-demo-bucket/${tag}`);
  await page.getByLabel("Filters").fill('--exclude "*.tmp"');
  await page.getByRole("button", { name: "Plan (dry run)" }).click();
  const plan = page.getByRole("region", { name: "Sync plan" });
  await expect(plan).toContainText("40 to copy");
  await expect(plan).toContainText("1 excluded");
  await expect(page.getByRole("table", { name: "Planned actions" }).getByRole("row")).toHaveCount(41);
  expect(fs.existsSync(path.join(root, "bucket", "gp-demo-bucket", tag))).toBe(false);

  await page.getByRole("button", { name: "Start sync" }).click();
  const started = page.getByText(/Sync run #\d+ started/);
  await expect(started).toBeVisible();
  const id = /#(\d+)/.exec(await started.innerText())![1];
  const row = page.getByRole("row", { name: `Sync run ${id}` });
  await expect(row.getByRole("progressbar", { name: `Progress of sync run ${id}` })).toHaveAttribute("aria-valuenow", "100");
  await expect(row).toContainText("succeeded");
  await expect(row).toContainText("40 / 40 files");

  const stored = path.join(root, "bucket", "gp-demo-bucket", tag);
  expect(fs.readFileSync(path.join(stored, "sub dir", "file 1.txt"), "utf8")).toBe(fs.readFileSync(path.join(src, "sub dir", "file 1.txt"), "utf8"));
  expect(fs.existsSync(path.join(stored, "scratch.tmp"))).toBe(false);

  // Nothing changed: a second plan has nothing to copy.
  await page.getByRole("button", { name: "Plan (dry run)" }).click();
  await expect(page.getByRole("region", { name: "Sync plan" })).toContainText("0 to copy");
  await expect(page.getByRole("region", { name: "Sync plan" })).toContainText("40 unchanged");
  fs.rmSync(src, { recursive: true, force: true });
});

test("refuses a local folder outside the allowed roots", async ({ page }) => {
  await page.goto("/sync");
  await page.getByLabel("Source", { exact: true }).fill("/etc");
  await page.getByLabel("Destination", { exact: true }).fill("s3://gp-demo-bucket/etc");
  await page.getByRole("button", { name: "Plan (dry run)" }).click();
  // The refusal itself (an alert), not the hint above the form that names the same roots.
  await expect(page.getByRole("alert").filter({ hasText: /Local folders must be inside/ })).toContainText("set GP_BATCH_SYNC_ROOTS to allow more");
});

test("a viewer sees sync runs but no start form", async ({ loginAs }) => {
  const { page } = await loginAs("viewer");
  await page.goto("/sync");
  await expect(page.getByRole("heading", { name: "Sync", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start sync" })).toHaveCount(0);
});
