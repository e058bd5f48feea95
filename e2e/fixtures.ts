// Shared e2e helpers: sign in through the login page, create users with a role through the Users page, and a
// `loginAs(role)` fixture that gives a page signed in as a fresh user of that role (contexts closed after the test).
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export type Role = "admin" | "operator" | "viewer";
export type Credentials = { username: string; password: string };

// One file per port: parallel runs on other ports must not overwrite each other's session.
export const adminStorageState = `e2e/.auth/admin-${process.env.E2E_PORT || 3100}.json`;
/** The admin seeded by scripts/e2e-server.mjs (ADMIN_PASSWORD). */
export const adminCredentials: Credentials = { username: "admin", password: process.env.E2E_ADMIN_PASSWORD || "e2e-admin-password" };

let counter = 0;
/** Unique per run, so specs never collide on usernames in the shared e2e database. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}${counter}`;
}

/** Signs in through the login page (staying on it when already there, so its ?next= is kept). */
export async function login(page: Page, { username, password }: Credentials): Promise<void> {
  if (!page.url().includes("/login")) await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Signed in user")).toContainText(username);
}

/** Creates a user through the Users page; `adminPage` must be signed in as an admin. */
export async function createUserViaUi(adminPage: Page, user: Credentials & { role: Role }): Promise<void> {
  await adminPage.goto("/users");
  const form = adminPage.getByRole("form", { name: "Create user" });
  await form.getByLabel("Username").fill(user.username);
  await form.getByLabel("Initial password").fill(user.password);
  await form.getByLabel("Role").selectOption(user.role);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText(`Created user ${user.username}.`)).toBeVisible();
}

/** A fresh browser context (no saved session) signed in as the given user. */
export async function newSignedInContext(browser: Browser, user: Credentials): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await login(page, user);
  return { context, page };
}

type Fixtures = {
  /** Creates a user with the role (via the admin UI) and returns a page signed in as them. */
  loginAs: (role: Role, options?: { username?: string }) => Promise<{ page: Page; user: Credentials & { role: Role } }>;
};

export const test = base.extend<Fixtures>({
  loginAs: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (role, options) => {
      const admin = await browser.newContext({ storageState: adminStorageState });
      contexts.push(admin);
      const user = { username: options?.username ?? uniqueName(role), password: `${role}-e2e-password`, role };
      await createUserViaUi(await admin.newPage(), user);
      const { context, page } = await newSignedInContext(browser, user);
      contexts.push(context);
      return { page, user };
    });
    for (const context of contexts) await context.close();
  },
});

export { expect };
