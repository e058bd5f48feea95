import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalFolderStore } from "../storage/local-folder-store";
import { transferSteps } from "./stage-transfer";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stage-transfer-"));
const bucket = path.join(dir, "bucket");
const target = { store: new LocalFolderStore(bucket, { create: true }), s3Root: "s3://test-bucket/gp" };
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("transferSteps", () => {
  it("pushes one file with GP's key layout, a folder without editor/VCS leftovers, and pulls them back", async () => {
    const src = path.join(dir, "src");
    fs.mkdirSync(path.join(src, "lib", ".git"), { recursive: true });
    fs.writeFileSync(path.join(src, "in.txt"), "input\n");
    fs.writeFileSync(path.join(src, "other.txt"), "not staged\n");
    fs.writeFileSync(path.join(src, "lib", "run.py"), "print(1)\n");
    fs.writeFileSync(path.join(src, "lib", "run.py~"), "backup\n");
    fs.writeFileSync(path.join(src, "lib", ".git", "HEAD"), "ref\n");
    const progress: number[] = [];
    const up = await transferSteps(target, [
      { label: "input", direction: "push", gpPath: path.join(src, "in.txt"), localPath: path.join(src, "in.txt"), kind: "file" },
      { label: "taskLib", direction: "push", gpPath: path.join(src, "lib"), localPath: path.join(src, "lib"), kind: "dir" },
    ], { onProgress: (p) => progress.push(p.filesDone) });
    expect(up).toMatchObject({ files: 2, bytes: 15 });
    expect(progress[progress.length - 1]).toBe(2);
    expect(fs.readFileSync(path.join(bucket, "gp", src, "in.txt"), "utf8")).toBe("input\n");
    expect(fs.existsSync(path.join(bucket, "gp", src, "other.txt"))).toBe(false);
    expect(fs.existsSync(path.join(bucket, "gp", src, "lib", "run.py~"))).toBe(false);
    expect(fs.existsSync(path.join(bucket, "gp", src, "lib", ".git", "HEAD"))).toBe(false);

    // Unchanged files are not sent again (aws s3 sync semantics).
    const again = await transferSteps(target, [{ label: "taskLib", direction: "push", gpPath: path.join(src, "lib"), localPath: path.join(src, "lib"), kind: "dir" }]);
    expect(again).toMatchObject({ files: 0, skipped: 1 });

    const dest = path.join(dir, "local");
    await transferSteps(target, [{ label: "taskLib", direction: "pull", gpPath: path.join(src, "lib"), localPath: path.join(dest, src, "lib"), kind: "dir" }]);
    expect(fs.readFileSync(path.join(dest, src, "lib", "run.py"), "utf8")).toBe("print(1)\n");
  });

  it("says plainly when an input vanished before staging", async () => {
    const gone = path.join(dir, "gone.txt");
    await expect(transferSteps(target, [{ label: "input gone.txt", direction: "push", gpPath: gone, localPath: gone, kind: "file" }])).rejects.toThrow(
      `input gone.txt: ${gone} does not exist (it vanished before staging)`,
    );
  });
});
