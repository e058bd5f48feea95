// Foundation: sign in and out, refusals by role, the sidebar's pages, and audit entries for user changes.
import { adminCredentials, createUserViaUi, expect, login, newSignedInContext, test, uniqueName } from "./fixtures";

const sections = ["Config", "Modules", "Job definitions", "Jobs", "Environments", "Sync", "Audit", "Settings", "Users"];

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("dashboard pages send you to the login page, and back after signing in", async ({ page }) => {
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);
    await login(page, adminCredentials);
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  });

  test("a wrong password says so and keeps you on the login page", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Username").fill("admin");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong username or password.");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByLabel("Username")).toHaveValue("admin");
  });

  test("log in, see who you are, log out", async ({ page }) => {
    await login(page, adminCredentials);
    const who = page.getByLabel("Signed in user");
    await expect(who).toContainText("Signed in as admin");
    await expect(who).toContainText("Role: admin");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/login\?next=%2Faudit$/);
  });
});

test("repeated wrong passwords lock the account for a while", async ({ page, browser }) => {
  const user = { username: uniqueName("tess"), password: "tess-e2e-password", role: "viewer" as const };
  await createUserViaUi(page, user);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const other = await context.newPage();
  await other.goto("/login");
  const form = other.getByRole("form", { name: "Sign in" });
  // The e2e server allows 5 failures per username (LOGIN_MAX_ATTEMPTS in scripts/e2e-server.mjs).
  for (let attempt = 1; attempt <= 5; attempt++) {
    await form.getByLabel("Username").fill(user.username);
    await form.getByLabel("Password").fill(`wrong-${attempt}`);
    // Wait for each attempt's answer: the message text is the same every time.
    const answered = other.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/login"));
    await form.getByRole("button", { name: "Sign in" }).click();
    await answered;
    await expect(form.getByRole("alert")).toHaveText("Wrong username or password.");
  }
  // Now even the right password is refused, with a message saying why.
  await form.getByLabel("Password").fill(user.password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(form.getByRole("alert")).toHaveText(/^Too many failed attempts\. Try again in \d+ minutes?\.$/);
  await expect(other).toHaveURL(/\/login$/);
  await context.close();
});

test("every page in the sidebar opens", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of sections) {
    await nav.getByRole("link", { name, exact: true }).click();
    await expect(nav.getByRole("link", { name, exact: true })).toHaveAttribute("aria-current", "page");
    const heading = page.getByRole("heading", { level: 1 }).first();
    await expect(heading).toBeVisible();
    await expect(heading).not.toHaveText(/Something went wrong|Not found|Not allowed/);
  }
});

test("an unknown address shows the not-found page", async ({ page }) => {
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the settings page shows the embedded backends", async ({ page }) => {
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByText("Local folder")).toBeVisible();
  await expect(page.getByText("config_custom.yaml").first()).toBeVisible();
});

test("a viewer cannot reach Users and sees no admin links", async ({ loginAs }) => {
  const { page, user } = await loginAs("viewer");
  await expect(page.getByLabel("Signed in user")).toContainText("Role: viewer");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Users" })).toHaveCount(0);
  expect(user.role).toBe("viewer");
});

test("an admin action invoked by a viewer is refused by the server", async ({ page, browser }) => {
  // Bea is an admin with the Users page open; then her role drops to viewer. Her stale page still offers the
  // form, so the refusal must come from the server action itself.
  const bea = { username: uniqueName("bea"), password: "bea-e2e-password", role: "admin" as const };
  await createUserViaUi(page, bea);
  const { context, page: beaPage } = await newSignedInContext(browser, bea);
  await beaPage.goto("/users");
  const form = beaPage.getByRole("form", { name: "Create user" });
  await expect(form).toBeVisible();

  await page.goto("/users");
  await page.getByLabel(`Role of ${bea.username}`).selectOption("viewer");
  await expect(page.getByText(`${bea.username} is now viewer.`)).toBeVisible();

  const intruder = uniqueName("intruder");
  await form.getByLabel("Username").fill(intruder);
  await form.getByLabel("Initial password").fill("intruder-password");
  await form.getByLabel("Role").selectOption("admin");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByRole("alert")).toHaveText("Your role (viewer) does not allow this (needs users.manage).");

  await page.reload();
  await expect(page.getByRole("table", { name: "Users" })).toContainText(bea.username);
  await expect(page.getByRole("table", { name: "Users" })).not.toContainText(intruder);
  await context.close();
});

test("creating a user adds an audit entry", async ({ page }) => {
  const username = uniqueName("audited");
  await createUserViaUi(page, { username, password: "audited-password", role: "operator" });

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
  const filters = page.getByRole("form", { name: "Audit filters" });
  await filters.getByLabel("Target").fill(`user:${username}`);
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`target=user%3A${username}`));

  const row = page.getByRole("table", { name: "Audit log" }).getByRole("row").filter({ hasText: `user:${username}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("admin");
  await expect(row).toContainText("user.create");
  await row.getByText("Show change").click();
  await expect(row.getByText(`"role": "operator"`).first()).toBeVisible();
});

test("an admin changes a role and disables a user, and both are audited", async ({ page, browser }) => {
  const user = { username: uniqueName("dora"), password: "dora-e2e-password", role: "viewer" as const };
  await createUserViaUi(page, user);
  await page.getByLabel(`Role of ${user.username}`).selectOption("operator");
  await expect(page.getByText(`${user.username} is now operator.`)).toBeVisible();
  await page.getByRole("button", { name: `Disable ${user.username}` }).click();
  await expect(page.getByText(`${user.username} is disabled.`)).toBeVisible();
  await expect(page.getByRole("button", { name: `Enable ${user.username}` })).toBeVisible();

  // A disabled user cannot sign in.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const other = await context.newPage();
  await other.goto("/login");
  await other.getByLabel("Username").fill(user.username);
  await other.getByLabel("Password").fill(user.password);
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.getByRole("form", { name: "Sign in" }).getByRole("alert")).toHaveText("Wrong username or password.");
  await context.close();

  await page.goto(`/audit?target=user:${user.username}`);
  const table = page.getByRole("table", { name: "Audit log" });
  await expect(table.getByText("user.disable")).toBeVisible();
  await expect(table.getByText("user.role")).toBeVisible();
  await expect(table.getByText("user.create")).toBeVisible();
});
