// Logs in once as the seeded e2e admin and saves the session for every spec (playwright.config.ts "setup" project).
import { expect, test as setup } from "@playwright/test";
import { adminCredentials, adminStorageState, login } from "./fixtures";

setup("log in as admin", async ({ page }) => {
  await login(page, adminCredentials);
  await expect(page.getByLabel("Signed in user")).toContainText("Role: admin");
  await page.context().storageState({ path: adminStorageState });
});
