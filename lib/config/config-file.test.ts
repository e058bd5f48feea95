import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "./atomic-write";
import { ConfigFileError, MAX_CONFIG_BYTES, hashText, readConfigFile, readConfigHash } from "./config-file";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gp-config-file-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("readConfigFile", () => {
  it("returns the text and the sha256 of its bytes", async () => {
    const file = path.join(dir, "config_custom.yaml");
    fs.writeFileSync(file, "a: ü\n");
    const read = await readConfigFile(file);
    expect(read.text).toBe("a: ü\n");
    expect(read.hash).toBe(hashText("a: ü\n"));
    expect(read.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await readConfigHash(file)).toBe(read.hash);
  });

  it("keeps a BOM so the text re-encodes to the same bytes", async () => {
    const file = path.join(dir, "bom.yaml");
    fs.writeFileSync(file, Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x3a, 0x20, 0x31, 0x0a]));
    const read = await readConfigFile(file);
    expect(read.hash).toBe(hashText(read.text));
  });

  it("refuses a Latin-1 file with the line and column of the first bad byte", async () => {
    const file = path.join(dir, "latin1.yaml");
    fs.writeFileSync(file, Buffer.concat([Buffer.from("a: 1\nname: Jos"), Buffer.from([0xe9]), Buffer.from("\n")]));
    const err = await readConfigFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigFileError);
    expect((err as ConfigFileError).code).toBe("not-utf8");
    expect((err as Error).message).toContain("is not valid UTF-8 (byte 0xe9 at line 2, column 10");
    expect((err as Error).message).not.toContain("\uFFFD");
  });

  it("refuses random binary", async () => {
    const file = path.join(dir, "bin.yaml");
    fs.writeFileSync(file, Buffer.from([0x00, 0xff, 0xfe, 0x80]));
    await expect(readConfigFile(file)).rejects.toMatchObject({ code: "not-utf8" });
  });

  it("says when the file is missing, a folder or too large", async () => {
    await expect(readConfigFile(path.join(dir, "nope.yaml"))).rejects.toMatchObject({ code: "not-found" });
    await expect(readConfigFile(dir)).rejects.toMatchObject({ code: "not-a-file" });
    const big = path.join(dir, "big.yaml");
    fs.writeFileSync(big, Buffer.alloc(MAX_CONFIG_BYTES + 1, 0x20));
    await expect(readConfigFile(big)).rejects.toMatchObject({ code: "too-large" });
    expect(await readConfigHash(path.join(dir, "nope.yaml"))).toBeNull();
  });
});

describe("writeFileAtomic", () => {
  it("replaces the content, keeps the file mode and leaves no temp file", async () => {
    const file = path.join(dir, "config_custom.yaml");
    fs.writeFileSync(file, "old\n");
    fs.chmodSync(file, 0o640);
    await writeFileAtomic(file, "new\n");
    expect(fs.readFileSync(file, "utf8")).toBe("new\n");
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(["config_custom.yaml"]);
  });

  it("creates a missing file with the default mode", async () => {
    const file = path.join(dir, "fresh.yaml");
    await writeFileAtomic(file, "x: 1\n");
    expect(fs.readFileSync(file, "utf8")).toBe("x: 1\n");
    expect(fs.statSync(file).mode & 0o777).toBe(0o644);
  });

  it("leaves the old file whole and no temp file when the write fails", async () => {
    const file = path.join(dir, "sub", "missing-dir.yaml");
    await expect(writeFileAtomic(file, "x")).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
