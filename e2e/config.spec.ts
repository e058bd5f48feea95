// Config editor end to end: live markers, save with a reason, history diff and restore, conflict merge, viewers.
// The spec edits its own user.properties block at the end of the file so it does not depend on other specs' edits.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { adminCredentials, createUserViaUi, expect, login, newSignedInContext, test, uniqueName } from "./fixtures";

test.describe.configure({ mode: "serial" });
// Each test signs in itself instead of reusing the shared saved session: parallel runs of other specs on other
// ports rewrite that file with their own server's cookie.
test.use({ storageState: { cookies: [], origins: [] } });

const USER_BLOCK_KEY = "e2e-config-user";

async function openEditor(page: Page): Promise<{ file: string; text: string }> {
  await page.goto("/config");
  const file = (await page.getByLabel("Config file path").textContent())!.trim();
  await expect(page.getByRole("region", { name: "Problems" })).toBeVisible();
  return { file, text: fs.readFileSync(file, "utf8") };
}

/** Replaces the whole editor content by select-all and paste, as an admin would (typing would auto-indent). */
async function replaceEditorText(page: Page, text: string) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  const editor = page.getByRole("textbox", { name: /Config editor/ });
  await editor.focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("ControlOrMeta+v");
  await expect(page.getByText(/^(Unsaved changes|No unsaved changes)/)).toHaveText(/^Unsaved changes/);
}

function withUserBlock(base: string, body: string[]): { text: string; firstLine: number } {
  expect(base, "the spec adds its own user.properties section").not.toMatch(/^user\.properties:/m);
  const head = base.endsWith("\n") ? base : `${base}\n`;
  const firstLine = head.split("\n").length + 1; // the line after "user.properties:"
  return { text: `${head}user.properties:\n  ${USER_BLOCK_KEY}:\n${body.map((l) => `    ${l}`).join("\n")}\n`, firstLine: firstLine + 1 };
}

function problem(page: Page, line: number, text: RegExp | string) {
  return page
    .getByRole("region", { name: "Problems" })
    .getByRole("button")
    .filter({ hasText: `Line ${line},` })
    .filter({ hasText: text });
}

async function saveWithReason(page: Page, reason: string) {
  await page.getByRole("button", { name: "Review and save" }).click();
  const review = page.getByRole("region", { name: "Review changes" });
  await expect(review.getByRole("region", { name: "Blast radius" })).toBeVisible();
  await review.getByLabel("Reason for this change").fill(reason);
  // Warnings that exist anyway (e.g. from catalog manifests) need the explicit confirm.
  const confirm = review.getByRole("checkbox", { name: /Save despite/ });
  if ((await confirm.count()) > 0) await confirm.check();
  await review.getByRole("button", { name: "Save", exact: true }).click();
}

test("admin sees schema and semantic markers, saves with a reason, diffs and restores revisions", async ({ page }) => {
  await login(page, adminCredentials);
  // Monaco and its workers are self-hosted: nothing may be fetched from another host (no CDN).
  const foreign: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!["http:", "https:"].includes(url.protocol)) return;
    if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") foreign.push(r.url());
  });
  const { file, text: original } = await openEditor(page);

  // An invalid value for a typed key and a bundle that does not exist, each marked on its own line.
  const broken = withUserBlock(original, ["job.cpuCount: lots", 'executor.props: "python/9.9"', "job.walltime: 2:00:00"]);
  await replaceEditorText(page, broken.text);
  await expect(problem(page, broken.firstLine, /whole number/)).not.toHaveCount(0);
  await expect(problem(page, broken.firstLine + 1, "unknown-executor-props")).toBeVisible();
  await expect(problem(page, broken.firstLine + 1, "python/9.9")).toBeVisible();
  expect(foreign).toEqual([]);

  // Hovering a marker shows the message and the suggested fix (the problem list puts the cursor on it).
  await problem(page, broken.firstLine + 2, "unquoted-walltime").click();
  await page.keyboard.press("ControlOrMeta+k");
  await page.keyboard.press("ControlOrMeta+i");
  const hover = page.getByRole("tooltip").filter({ hasText: "base-60" });
  await expect(hover).toContainText('Fix: Quote it: "2:00:00"');
  await page.keyboard.press("Escape");

  // Fixed: no markers left on those lines.
  const fixed = withUserBlock(original, ["job.cpuCount: 2", 'executor.props: "python/3.6"']);
  await replaceEditorText(page, fixed.text);
  await expect(problem(page, broken.firstLine + 1, "unknown-executor-props")).toHaveCount(0);
  await expect(problem(page, broken.firstLine, /whole number/)).toHaveCount(0);

  await saveWithReason(page, "e2e: give the e2e user two CPUs");
  await expect(page.getByText(/Saved revision #\d+\./)).toBeVisible();
  expect(fs.readFileSync(file, "utf8")).toBe(fixed.text);

  // History: the new revision with its reason, and its diff against the previous one.
  await page.getByRole("link", { name: "History" }).click();
  const revisions = page.getByRole("table", { name: "Revisions" });
  const newest = revisions.getByRole("row").nth(1);
  await expect(newest).toContainText("e2e: give the e2e user two CPUs");
  await expect(newest).toContainText("on disk");
  const compare = page.getByRole("region", { name: "Compare revisions" });
  await expect(compare.getByText(/Revision #\d+ → #\d+: 4 added, 0 removed/)).toBeVisible();
  await compare.getByText("Unified diff (text)").click();
  await expect(compare.getByRole("region", { name: /Unified diff/ })).toContainText(`+  ${USER_BLOCK_KEY}:`);
  await expect(compare.getByRole("region", { name: /Unified diff/ })).toContainText("+    job.cpuCount: 2");

  // Restore the previous revision: the file is back to what it was, as a new revision.
  const previous = revisions.getByRole("row").nth(2);
  const previousId = (await previous.getByRole("cell").first().textContent())!.match(/#(\d+)/)![1];
  await page.getByRole("button", { name: `Restore revision #${previousId}` }).click();
  const restore = page.getByRole("region", { name: `Restore revision #${previousId}` });
  await restore.getByLabel("Reason for the restore").fill("e2e: undo");
  await restore.getByRole("button", { name: "Restore", exact: true }).click();
  const restored = page.getByText(new RegExp(`Restored revision #${previousId} as revision #\\d+\\.`));
  const confirmWarnings = restore.getByRole("checkbox", { name: "Restore despite the warnings" });
  await expect(restored.or(confirmWarnings)).toBeVisible();
  if (await confirmWarnings.isVisible()) {
    await confirmWarnings.check();
    await restore.getByRole("button", { name: "Restore", exact: true }).click();
  }
  await expect(restored).toBeVisible();
  expect(fs.readFileSync(file, "utf8")).toBe(original);
  await expect(revisions.getByRole("row").nth(1)).toContainText(`Restore revision #${previousId}: e2e: undo`);
  await expect(revisions.getByRole("row").nth(1)).toContainText(`restored from #${previousId}`);
});

test("a change on disk after loading is detected and saving opens the merge view", async ({ page }) => {
  await login(page, adminCredentials);
  const { file, text: original } = await openEditor(page);
  const mine = withUserBlock(original, ["job.cpuCount: 3"]).text;
  await replaceEditorText(page, mine);

  // Someone edits the file on the server meanwhile (a different place in the file).
  const theirs = original.replace(/^(# .*)$/m, "$1\n# edited on disk by the e2e test");
  expect(theirs).not.toBe(original);
  fs.writeFileSync(file, theirs);
  await expect(page.getByRole("alert").filter({ hasText: "The config file changed on disk" })).toBeVisible();

  await saveWithReason(page, "e2e: conflicting save");
  const merge = page.getByRole("region", { name: "Resolve conflict" });
  await expect(merge).toContainText("The file changed while you were editing");
  await expect(merge).toContainText("touch different lines");
  expect(fs.readFileSync(file, "utf8")).toBe(theirs);

  await merge.getByRole("button", { name: "Use the merge" }).click();
  await saveWithReason(page, "e2e: merged with the edit on disk");
  await expect(page.getByText(/Saved revision #\d+\./)).toBeVisible();
  const saved = fs.readFileSync(file, "utf8");
  expect(saved).toContain("# edited on disk by the e2e test");
  expect(saved).toContain("job.cpuCount: 3");

  // Put the file back for other specs (a save through the editor, like an admin would).
  await replaceEditorText(page, original);
  await saveWithReason(page, "e2e: back to the original");
  await expect.poll(() => fs.readFileSync(file, "utf8")).toBe(original);
});

test("completion offers live bundle and job-definition names", async ({ page }) => {
  await login(page, adminCredentials);
  const { text: original } = await openEditor(page);
  const suggest = async (line: string, expected: RegExp) => {
    // The pasted text ends on the line being typed, so Ctrl+End puts the cursor after "key: ".
    await replaceEditorText(page, withUserBlock(original, [line]).text.replace(/\n$/, ""));
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.press("Control+Space");
    await expect(page.getByRole("option", { name: expected }).first()).toBeVisible();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Discard changes" }).click();
    await expect(page.getByText("No unsaved changes")).toBeVisible();
  };
  await suggest("executor.props: ", /python\/3\.6/);
  await suggest("job.awsbatch.job-definition-name: ", /Python36_Generic/);
});

test("a viewer sees the editor read-only and cannot save", async ({ page: adminPage, browser }) => {
  await login(adminPage, adminCredentials);
  const viewer = { username: uniqueName("config-viewer"), password: "viewer-e2e-password", role: "viewer" as const };
  await createUserViaUi(adminPage, viewer);
  const { context, page } = await newSignedInContext(browser, viewer);
  try {
    const { file, text } = await openEditor(page);
    await expect(page.getByRole("status").filter({ hasText: "Read-only" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Review and save" })).toHaveCount(0);
    const editor = page.getByRole("textbox", { name: /Config editor/ });
    await expect(editor).toHaveAttribute("readonly", /.*/);
    await editor.focus();
    await page.keyboard.type("viewer was here");
    expect(fs.readFileSync(file, "utf8")).toBe(text);
    await page.getByRole("link", { name: "History" }).click();
    await expect(page.getByRole("table", { name: "Revisions" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Restore revision/ })).toHaveCount(0);
  } finally {
    await context.close();
  }
});
