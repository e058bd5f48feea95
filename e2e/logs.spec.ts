// Logs in the browser: open a running local job, watch lines arrive in follow mode, search them, download the log.
import fs from "node:fs";
import { expect, test } from "./fixtures";

test("follow a running job's log, search it and download it", async ({ page }) => {
  await page.goto("/jobs/new");
  await page.getByLabel("Module").selectOption("Heartbeat");
  await page.getByLabel("count").fill("8");
  await page.getByLabel("interval").fill("1");
  await page.getByRole("button", { name: "Show plan" }).click();
  await expect(page.getByRole("region", { name: "Plan" }).getByLabel("argv")).toContainText("heartbeat.py");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page).toHaveURL(/\/jobs\/\d+$/);

  const log = page.getByRole("log");
  // Lines show up while the job is still running: follow mode polls the growing stdout.txt.
  await expect(log).toContainText("heartbeat 2 of 8", { timeout: 45_000 });
  await expect(page.getByLabel("Job state")).toHaveText("RUNNING");
  await expect(log).not.toContainText("heartbeat 8 of 8");
  await expect(log).toContainText("heartbeat 8 of 8", { timeout: 30_000 });
  await expect(page.getByLabel("Job state")).toHaveText("SUCCEEDED", { timeout: 30_000 });
  // The timeline and staging figures updated on this same page, without a reload.
  const timeline = page.getByRole("region", { name: "Timeline" });
  for (const state of ["RUNNING", "SUCCEEDED"]) await expect(timeline.getByText(state, { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Staging" }).getByText("Stage-out done")).toBeVisible();

  const logs = page.getByRole("region", { name: "Job logs" });
  await logs.getByLabel("Search logs").fill("heartbeat 5");
  await expect(logs.getByText("1 of 1 matches")).toBeVisible();
  await expect(log.locator("mark")).toHaveText("heartbeat 5");
  await logs.getByLabel("Search logs").fill("of 8");
  await expect(logs.getByText("1 of 8 matches")).toBeVisible();
  await logs.getByRole("button", { name: "Next" }).click();
  await expect(logs.getByText("2 of 8 matches")).toBeVisible();

  const download = page.waitForEvent("download");
  await logs.getByRole("link", { name: "Download" }).click();
  const text = fs.readFileSync(await (await download).path(), "utf8");
  expect(text.split("\n").filter(Boolean)).toEqual(Array.from({ length: 8 }, (_, i) => `heartbeat ${i + 1} of 8`));
});
