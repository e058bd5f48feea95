// Modules end to end: the seeded catalog, the unmapped filter, one mapping form for two modules (diff, save), the
// new effective job definition with provenance pointing at the new config lines, and a compiled range rule.
import fs from "node:fs";
import { strToU8, zipSync } from "fflate";
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

const WORDCOUNT_2 = "urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00003:2";

async function configFile(page: Page): Promise<string> {
  await page.goto("/config");
  return (await page.getByLabel("Config file path").textContent())!.trim();
}

/** 1-based line of the first line matching `pattern` after the line matching `after`. */
function lineOf(text: string, after: RegExp, pattern: RegExp): number {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => after.test(l));
  expect(start, `config has ${after}`).toBeGreaterThanOrEqual(0);
  const i = lines.findIndex((l, j) => j > start && pattern.test(l));
  expect(i, `config has ${pattern} after ${after}`).toBeGreaterThan(start);
  return i + 1;
}

/** The demo catalog's SelectFeaturesColumns uses <java>, which the demo config leaves unset: a warning to confirm. */
async function confirmWarnings(form: Locator) {
  const confirm = form.getByLabel("Save despite the warnings");
  if (await confirm.isVisible()) await confirm.check();
}

/** A row of the job settings table by its header cell (the row's accessible name starts with it). */
function settingRow(page: Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.getByRole("table", { name: "Effective job settings" }).getByRole("row", { name: new RegExp(`^${escaped}`) });
}

function row(page: Page, table: string, name: string | RegExp) {
  return page.getByRole("table", { name: table }).getByRole("row").filter({ hasText: name });
}

test("filter to unmapped modules, map two of them to a runtime environment with one form", async ({ page }) => {
  await page.goto("/modules");
  await expect(row(page, "Modules", "ConvertLineEndings")).toHaveCount(1);
  await expect(row(page, "Modules", "WordCount")).toHaveCount(2);

  await page.getByRole("navigation", { name: "Problem filters" }).getByRole("link", { name: /^Unmapped/ }).click();
  await expect(page).toHaveURL(/flag=unmapped/);
  await expect(row(page, "Modules", "TextToTable")).toHaveCount(1);
  await expect(row(page, "Modules", "Seurat.QC")).toHaveCount(1);
  await expect(row(page, "Modules", "ConvertLineEndings")).toHaveCount(0);

  await page.getByLabel("Select TextToTable 1").check();
  await page.getByLabel("Select Seurat.QC 5.0").check();
  await page.getByRole("button", { name: "Map selected" }).click();
  const form = page.getByRole("region", { name: "Mapping form" });
  await expect(form.getByRole("heading", { name: "Map 2 module versions" })).toBeVisible();
  await form.getByLabel("Module name (every version)").check();
  await form.getByLabel("Runtime environment (executor.props)").selectOption("python/3.6");
  await form.getByRole("button", { name: "Preview changes" }).click();

  const diff = form.getByRole("region", { name: "YAML diff" });
  await expect(diff).toContainText("+  TextToTable:");
  await expect(diff).toContainText("+    executor.props: python/3.6");
  await expect(diff).toContainText("+  Seurat.QC:");
  const blast = form.getByRole("region", { name: "Blast radius" });
  await expect(blast).toContainText("TextToTable");
  await expect(blast).toContainText("Python36_Generic");

  await form.getByLabel("Reason for this change").fill("Run TextToTable and Seurat.QC in the Python 3.6 environment");
  await confirmWarnings(form);
  await form.getByRole("button", { name: "Save mapping" }).click();
  await expect(form.getByText(/Saved as revision \d+/)).toBeVisible();
  await expect(row(page, "Modules", "TextToTable")).toHaveCount(0);

  await page.goto("/modules?q=TextToTable");
  await expect(row(page, "Modules", "TextToTable")).toContainText("Python36_Generic");
  await expect(row(page, "Modules", "TextToTable")).toContainText("python/3.6");
});

test("the module page shows the new job definition with provenance at the new lines", async ({ page }) => {
  const file = await configFile(page);
  const text = fs.readFileSync(file, "utf8");
  const mappingLine = lineOf(text, /^ {2}TextToTable:/, /executor\.props: python\/3\.6/);
  const bundleLine = lineOf(text, /^ {2}python\/3\.6:/, /job\.awsbatch\.job-definition-name/);

  await page.goto("/modules?q=TextToTable");
  await row(page, "Modules", "TextToTable").getByRole("link", { name: "TextToTable" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "TextToTable 1" })).toBeVisible();
  const bundleRow = settingRow(page, "Runtime environment");
  await expect(bundleRow).toContainText("python/3.6");
  await expect(bundleRow).toContainText("module.properties [TextToTable]");
  await expect(bundleRow.getByRole("link", { name: `Config line ${mappingLine}` })).toHaveAttribute("href", `/config?line=${mappingLine}`);
  const jobDefRow = settingRow(page, "Job definition");
  await expect(jobDefRow).toContainText("Python36_Generic");
  await expect(jobDefRow).toContainText("executor.properties.python/3.6");
  await expect(jobDefRow.getByRole("link", { name: `Config line ${bundleLine}` })).toBeVisible();

  // The explain trace for the job definition marks the bundle as the winner over the executor default.
  const trace = page.getByRole("table", { name: "Explain trace" });
  await expect(trace.getByRole("row").filter({ hasText: "winner" })).toContainText("Python36_Generic");
  await expect(trace.getByRole("row").filter({ hasText: "executor default" })).not.toContainText("winner");
  await expect(page.getByLabel("Substituted argv")).toContainText("text_to_table.py");
  await expect(page.getByLabel("SubmitJob JSON")).toContainText('"jobDefinition": "Python36_Generic"');
});

test("a range rule is compiled into exact LSID keys for the catalog's versions", async ({ page }) => {
  await page.goto("/modules/ranges");
  const form = page.getByRole("region", { name: "Add a range rule" });
  await form.getByLabel("Module").selectOption({ label: "WordCount (2, 1)" });
  await form.getByLabel("Version range").fill(">=2 <3");
  await form.getByLabel("Memory").fill("3 Gb");
  await form.getByRole("button", { name: "Preview rule" }).click();
  await expect(form.getByText("Covers versions 2 in the catalog.")).toBeVisible();
  const diff = form.getByRole("region", { name: "YAML diff" });
  await expect(diff).toContainText("gp-batch-admin: begin generated from version-range rules");
  await expect(diff).toContainText(`+  "${WORDCOUNT_2}":`);
  await expect(diff).toContainText('+    job.memory: "3 Gb"');
  await form.getByLabel("Reason for this change").fill("WordCount 2.x needs more memory");
  await confirmWarnings(form);
  await form.getByRole("button", { name: "Save rule" }).click();
  await expect(form.getByText(/Rule saved and compiled/)).toBeVisible();
  await expect(row(page, "Range rules", ">=2 <3")).toContainText("job.memory: 3 Gb");
  await expect(row(page, "Range rules", ">=2 <3").getByRole("cell").nth(4)).toHaveText("2");

  const text = fs.readFileSync(await configFile(page), "utf8");
  const memoryLine = lineOf(text, new RegExp(`^ {2}"${WORDCOUNT_2}":`), /job\.memory: "3 Gb"/);
  await page.goto("/modules?q=WordCount");
  await row(page, "Modules", /WordCount\s*2/).getByRole("link", { name: "WordCount" }).click();
  const memoryRow = settingRow(page, "Memory (MiB)");
  await expect(memoryRow).toContainText("3072");
  await expect(memoryRow).toContainText(`module.properties [${WORDCOUNT_2}]`);
  await expect(memoryRow.getByRole("link", { name: `Config line ${memoryLine}` })).toBeVisible();
});

test("a newly imported version shows the rule that covers it and is compiled with one apply", async ({ page }) => {
  const v21 = fs.readFileSync("demo/modules/WordCount/2/manifest", "utf8").replace("00003\\:2", "00003\\:2.1");
  await page.goto("/modules/import");
  const upload = page.getByRole("form", { name: "Upload a module" });
  await upload.getByLabel("Module zip or manifest file").setInputFiles({ name: "manifest", mimeType: "text/plain", buffer: Buffer.from(v21) });
  await upload.getByRole("button", { name: "Upload and import" }).click();
  await expect(upload.getByRole("status")).toContainText("1 new, 0 updated, 0 unchanged.");
  await expect(upload.getByRole("status")).toContainText("Covered by range rules: WordCount 2.1 (rule");

  await page.goto("/modules");
  const notice = page.getByRole("status").filter({ hasText: "covered by a range rule but not in the config yet" });
  await expect(notice).toContainText("WordCount 2.1");
  await notice.getByRole("button", { name: "Apply the range rules to them" }).click();
  const review = page.getByRole("region", { name: "Review changes" });
  await expect(review.getByRole("region", { name: "YAML diff" })).toContainText(`+  "${WORDCOUNT_2}.1":`);
  await review.getByLabel("Reason for this change").fill("WordCount 2.1 was imported");
  await confirmWarnings(review);
  await review.getByRole("button", { name: "Apply range rules" }).click();
  await expect(page.getByText("covered by a range rule but not in the config yet")).toHaveCount(0);
  await page.goto("/modules/ranges");
  await expect(row(page, "Range rules", ">=2 <3").getByRole("cell").nth(4)).toHaveText("2, 2.1");
});

test("an uploaded zip with a path-traversal entry is refused and nothing is imported", async ({ page }) => {
  await page.goto("/modules");
  const before = await page.getByRole("navigation", { name: "Problem filters" }).getByRole("link", { name: /^All/ }).textContent();
  await page.goto("/modules/import");
  const form = page.getByRole("form", { name: "Upload a module" });
  const zip = zipSync({ manifest: strToU8("name=Evil\nLSID=urn\\:lsid\\:evil.example\\:m\\:1\\:1\ncommandLine=sh <libdir>x.sh\n"), "../../x.sh": strToU8("echo pwned\n") });
  await form.getByLabel("Module zip or manifest file").setInputFiles({ name: "evil.zip", mimeType: "application/zip", buffer: Buffer.from(zip) });
  await form.getByRole("button", { name: "Upload and import" }).click();
  await expect(form.getByRole("alert")).toContainText("Nothing was imported.");
  await expect(form.getByRole("alert")).toContainText("entry '../../x.sh' climbs out of the module folder (..)");
  await page.goto("/modules");
  await expect(page.getByRole("navigation", { name: "Problem filters" }).getByRole("link", { name: /^All/ })).toHaveText(before!);
});

test("a new runtime environment is created with the bundle form and offered to the mapping form", async ({ page }) => {
  await page.goto("/modules/bundles");
  await expect(page.getByRole("region", { name: "Runtime environment python/3.6", exact: true })).toContainText("Python36_Generic");
  const form = page.getByRole("region", { name: "Runtime environment form" });
  await form.getByLabel("Name", { exact: true }).fill("r/4.3-e2e");
  await form.getByLabel("Property 1 value").fill("R43_Generic");
  await form.getByLabel("Property 2 value").fill("genepattern/r43:1.0");
  await form.getByRole("button", { name: "Preview changes" }).click();
  const diff = form.getByRole("region", { name: "YAML diff" });
  await expect(diff).toContainText('+  "r/4.3-e2e":');
  await expect(diff).toContainText('+    job.docker.image: "genepattern/r43:1.0"');
  await form.getByLabel("Reason for this change").fill("An R 4.3 environment for the new modules");
  await confirmWarnings(form);
  await form.getByRole("button", { name: "Save runtime environment" }).click();
  await expect(form.getByText(/Saved as config revision \d+/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Runtime environment r/4.3-e2e", exact: true })).toContainText("R43_Generic");

  await page.goto("/modules?q=WordCount");
  await page.getByLabel("Select WordCount 1").check();
  await page.getByRole("button", { name: "Map selected" }).click();
  await expect(page.getByRole("region", { name: "Mapping form" }).getByLabel("Runtime environment (executor.props)").getByRole("option", { name: "r/4.3-e2e" })).toHaveCount(1);
});

test("a viewer reads the catalog and the module page but gets no mapping, rule or import forms", async ({ loginAs }) => {
  const { page } = await loginAs("viewer");
  await page.goto("/modules");
  await expect(page.getByRole("table", { name: "Modules" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Map selected" })).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await row(page, "Modules", "TextToTable").getByRole("link", { name: "TextToTable" }).click();
  await expect(settingRow(page, "Job definition")).toContainText("Python36_Generic");
  await expect(page.getByRole("region", { name: "Mapping form" })).toHaveCount(0);
  await page.goto("/modules/ranges");
  await expect(page.getByRole("table", { name: "Range rules" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Add a range rule" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
  await page.goto("/modules/import");
  await expect(page.getByRole("form", { name: "Upload a module" })).toHaveCount(0);
});
