// Test jobs end to end in the browser: submit a demo module with an uploaded input, watch it run on the local
// executor without reloading (timeline, staging progress, logs), then download an output.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";

test("submit WordCount, watch it succeed live and download its report", async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-jobs-"));
  const input = path.join(dir, "poem.txt");
  fs.writeFileSync(input, "the cat sat\non the mat\nthe end\n");

  await page.goto("/jobs/new");
  await page.getByLabel("Module").selectOption("WordCount");
  await page.getByLabel("Upload input.file").setInputFiles(input);
  await expect(page.getByLabel("input.file *")).toHaveValue(/poem\.txt$/);
  await page.getByLabel("top.words").fill("2");
  await page.getByRole("button", { name: "Show plan" }).click();

  const plan = page.getByRole("region", { name: "Plan" });
  await expect(plan.getByLabel("SubmitJob request")).toContainText('"jobName": "GP_Job_');
  await expect(plan.getByLabel("SubmitJob request")).toContainText('"jobDefinition": "Python36_Generic"');
  await expect(plan.getByLabel("argv")).toContainText("word_count.py");
  await expect(plan.getByLabel("S3 keys")).toContainText("s3://gp-demo-bucket/gp/");

  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page).toHaveURL(/\/jobs\/\d+$/);
  // WordCount can finish before the page renders; e2e/logs.spec.ts follows a longer job from RUNNING to
  // SUCCEEDED on one page, which is what proves the page updates live without a reload.
  await expect(page.getByLabel("Job state")).toHaveText(/SUCCEEDED|FAILED/, { timeout: 45_000 });
  const timeline = page.getByRole("region", { name: "Timeline" });
  expect(await page.getByLabel("Job state").textContent(), (await timeline.textContent()) ?? "").toBe("SUCCEEDED");
  for (const state of ["STAGING", "SUBMITTED", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED"]) {
    await expect(timeline.getByText(state, { exact: true })).toBeVisible();
  }
  await expect(page.getByLabel("Exit code")).toHaveText("0");
  await expect(page.getByLabel("Stage-in figures")).toContainText("files");
  await expect(page.getByRole("region", { name: "Staging" }).getByText("Stage-out done")).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Stage-out progress" })).toBeVisible();

  await expect(page.getByRole("log")).toContainText("poem.txt\t3\t8\t31");

  const outputs = page.getByRole("region", { name: "Outputs" });
  const download = page.waitForEvent("download");
  await outputs.getByRole("link", { name: "poem.counts.txt" }).click();
  const file = await (await download).path();
  const report = fs.readFileSync(file, "utf8");
  expect(report).toContain("poem.txt\t3\t8\t31");
  expect(report).toContain("the\t3");

  // The list shows it too.
  await page.goto("/jobs?module=WordCount&state=SUCCEEDED");
  await expect(page.getByRole("table", { name: "Test jobs" })).toContainText("WordCount");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a missing required parameter is refused with a clear message", async ({ page }) => {
  await page.goto("/jobs/new");
  await page.getByLabel("Module").selectOption("WordCount");
  await page.getByRole("button", { name: "Show plan" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Invalid parameters" })).toContainText("input.file is required");
  await expect(page.getByRole("button", { name: "Submit" })).toBeDisabled();
});
