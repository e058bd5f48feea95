// Job definitions and environments, as an admin would use them: the configure-a-module wizard end to end, then a
// new revision of a local definition → diff with the image change → candidate pin → test job on the local executor
// → promote to production (config line changes) → roll back.
import { expect, type Page } from "@playwright/test";
import { test } from "./fixtures";

const reasons = (page: Page, reason: string) => {
  page.on("dialog", (dialog) => void dialog.accept(reason));
};

test("the wizard configures a demo module for AWS Batch end to end", async ({ page }) => {
  await page.goto("/jobdefs/wizard?module=ExampleModule");
  await expect(page.getByRole("heading", { name: "Configure a module for AWS Batch" })).toBeVisible();

  await page.getByLabel("Runtime environment (executor.properties bundle)").fill("python/3.6-batch");
  await expect(page.getByLabel("Step 1 writes")).toContainText("python/3.6-batch: {}   # new");

  await page.getByLabel("Container image", { exact: true }).fill("genepattern/docker-python36:0.5");
  await expect(page.getByLabel("Step 2 writes")).toContainText('job.docker.image: "genepattern/docker-python36:0.5"');
  await expect(page.getByText("tag 0.5 not resolved to a digest")).toBeVisible();

  await page.getByLabel("Register one from a template with this image").check();
  await page.getByLabel("Template", { exact: true }).selectOption("Python36_Generic:1");
  await page.getByLabel("New job definition name").fill("Python36_Batch");
  await expect(page.getByLabel("Step 3 writes")).toContainText('"image": "genepattern/docker-python36:0.5"');

  await expect(page.getByLabel("Substitution tokens (key: value per line)")).toHaveValue("python_3.6: python3");
  await expect(page.getByLabel("Step 4 writes")).toContainText("job.awsbatch.job-definition-name: Python36_Batch:(new revision)");

  await page.getByLabel("Associate by").selectOption("name");
  await page.getByLabel("Module", { exact: true }).fill("ExampleModule");
  await expect(page.getByLabel("Step 5 writes")).toContainText("executor.props: python/3.6-batch");

  await page.getByLabel("Reason").fill("e2e: run ExampleModule in its own runtime environment");
  await page.getByRole("button", { name: "Review changes" }).click();
  const diff = page.getByRole("region", { name: "Config diff" });
  await expect(diff).toContainText('+  "python/3.6-batch":');
  await expect(diff).toContainText("+    executor.props: python/3.6-batch");
  await expect(diff).toContainText("Python36_Batch:1");
  await expect(page.getByLabel("Job definition JSON")).toContainText('"jobDefinitionName": "Python36_Batch"');

  await page.getByRole("button", { name: "Save configuration" }).click();
  await expect(page.getByText("Saved: ExampleModule now uses python/3.6-batch with Python36_Batch:1.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Run ExampleModule's test job" })).toHaveAttribute("href", "/jobs/new?module=ExampleModule");

  // The list now shows the registered definition and the module that resolves to it through the config engine.
  await page.goto("/jobdefs");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "Python36_Batch", exact: true }) });
  await expect(row).toContainText("Python36_Batch:1");
  await expect(row.getByRole("list", { name: "Users of Python36_Batch" })).toContainText("module ExampleModule");

  // The backup download holds every revision seen, the new one included.
  const backup = await page.request.get("/jobdefs/backup");
  expect(backup.headers()["content-disposition"]).toContain('attachment; filename="jobdefs-backup-');
  const file = (await backup.json()) as { format: string; definitions: { name: string; revision: number; hash: string }[] };
  expect(file.format).toBe("gp-batch-jobdefs-backup");
  expect(file.definitions.map((d) => `${d.name}:${d.revision}`)).toEqual(expect.arrayContaining(["Python36_Batch:1", "S3ModuleWrapper:1", "Java17_Oracle_Generic:1"]));
});

test("a new revision is diffed, tested on candidate, promoted to production and rolled back", async ({ page }) => {
  // Register a new revision from an edited copy; a broken edit is refused with its position first.
  await page.goto("/jobdefs/register?base=Python36_Generic:1");
  const json = page.getByLabel("Job definition JSON");
  await expect(json).toHaveValue(/"type": "container"/);
  const original = await json.inputValue();
  const withUnknownField = original.replace('"type": "container"', '"type": "container",\n  "cpus": 4');
  // Typing before the page has hydrated can be lost or merged: fill until the editor holds exactly the edit.
  await expect(async () => {
    await json.fill(withUnknownField);
    await expect(json).toHaveValue(withUnknownField, { timeout: 1_000 });
  }).toPass();
  await page.getByRole("button", { name: "Check and compare" }).click();
  await expect(page.getByRole("list", { name: "Job definition errors" })).toContainText('column 3: Unknown field "cpus"');
  await json.fill(original.replace("genepattern/docker-python36:0.4", "genepattern/docker-python36:0.5"));
  await page.getByRole("button", { name: "Check and compare" }).click();
  await expect(page.getByRole("list", { name: "Semantic summary" })).toContainText("Image tag changed for genepattern/docker-python36: 0.4 → 0.5");
  await page.getByLabel("Reason").fill("e2e: python 3.6 image 0.5");
  await page.getByRole("button", { name: "Register revision" }).click();
  await expect(page.getByText("Registered Python36_Generic:2.")).toBeVisible();

  // The diff page calls the image change out first.
  await page.getByRole("link", { name: "Diff with Python36_Generic:1" }).click();
  await expect(page.getByRole("heading", { name: "Python36_Generic:1 → Python36_Generic:2" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Semantic summary" }).getByRole("listitem").first()).toContainText("Image tag changed for genepattern/docker-python36: 0.4 → 0.5");
  await expect(page.getByRole("figure", { name: "Job definition JSON diff" })).toBeVisible();

  // Pin it to candidate for WordCount.
  await page.goto("/environments");
  const pinForm = page.getByRole("form", { name: "Pin to candidate" });
  await pinForm.getByLabel("Module or bundle").fill("WordCount");
  await pinForm.getByLabel("Job definition revision").selectOption("Python36_Generic:2");
  await expect(pinForm.getByLabel("Image (job.docker.image)")).toHaveValue("genepattern/docker-python36:0.5");
  await pinForm.getByLabel("Reason").fill("e2e: try image 0.5");
  await pinForm.getByRole("button", { name: "Pin to candidate" }).click();
  await expect(pinForm.getByText("Pinned WordCount to Python36_Generic:2 in candidate.")).toBeVisible();

  const candidate = page.getByRole("row", { name: "candidate WordCount" });
  await expect(candidate).toContainText("no passing test yet");
  await expect(candidate.getByRole("button", { name: "Promote to production" })).toHaveCount(0);

  // Run WordCount's test job on the candidate (local executor) and wait for it to pass.
  await candidate.getByRole("button", { name: "Run test job on candidate" }).click();
  await expect(candidate.getByText(/Test job \d+ submitted\./)).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("row", { name: "candidate WordCount" })).toContainText("passed: job", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });

  // Promote: the config line changes to the exact revision.
  reasons(page, "e2e: image 0.5 passed its test");
  await page.getByRole("row", { name: "candidate WordCount" }).getByRole("button", { name: "Promote to production" }).click();
  const change = page.getByRole("region", { name: "Config change for WordCount" });
  await expect(change).toContainText('+    job.awsbatch.job-definition-name: "Python36_Generic:2"');
  await expect(change).toContainText('+    job.docker.image: "genepattern/docker-python36:0.5"');
  const production = page.getByRole("row", { name: "production WordCount" });
  await expect(production).toContainText("job.awsbatch.job-definition-name: Python36_Generic:2");

  // A revision production uses cannot be deregistered.
  await page.goto("/jobdefs/Python36_Generic");
  await page.getByRole("button", { name: "Deregister Python36_Generic:2" }).click();
  await expect(page.getByText(/Python36_Generic:2 is still used by: .*WordCount/)).toBeVisible();

  // One-click rollback puts the config back as it was.
  await page.goto("/environments");
  await page.getByRole("row", { name: "production WordCount" }).getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByRole("region", { name: "Config change for WordCount" })).toContainText('-    job.awsbatch.job-definition-name: "Python36_Generic:2"');
  await page.reload();
  await expect(page.getByRole("row", { name: "production WordCount" })).toHaveCount(0);
  await expect(page.getByRole("row", { name: "candidate WordCount" })).toContainText("job.awsbatch.job-definition-name: (not set here)");

  // Every step is in the audit log.
  await page.goto("/audit?action=environments");
  await expect(page.getByText("environments.rollback").first()).toBeVisible();
});

test("a viewer sees job definitions and environments but cannot change them", async ({ loginAs }) => {
  const { page } = await loginAs("viewer");
  await page.goto("/jobdefs");
  await expect(page.getByRole("table", { name: "Job definitions" })).toContainText("S3ModuleWrapper");
  await expect(page.getByRole("link", { name: "Configure a module for AWS Batch" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Restore from backup" })).toHaveCount(0);
  await page.goto("/jobdefs/register?base=S3ModuleWrapper:1");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await page.goto("/environments");
  await expect(page.getByRole("heading", { name: "Environments" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Pin to candidate" })).toHaveCount(0);
});
