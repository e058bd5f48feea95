import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { zipSync, strToU8 } from "fflate";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../test/temp-db";
import { ImportError, entryFromManifest } from "./catalog-entry";
import { findModuleVersion, getManifestText, getTaskLibDir, listCatalog, listModuleVersions, saveCatalogEntries } from "./catalog";
import { escapeProperty, gpBaseUrl, manifestFromTaskJson, readGpServer } from "./import-gp-server";
import { readTaskLibFolder } from "./import-tasklib";
import { readModuleZip, readUpload, unsafeEntryReason } from "./import-zip";
import { parseManifest } from "./manifest";

const root = path.resolve(__dirname, "../..");
const demoDir = path.join(root, "demo/modules");
const fixture = (name: string) => fs.readFileSync(path.join(root, "demo/modules/fixtures", name, "manifest"), "utf8");

describe("entryFromManifest", () => {
  it("reads escaped colons in the LSID of a real manifest", () => {
    const e = entryFromManifest(fixture("SeuratQC"), { origin: "SeuratQC/manifest", source: "test" });
    expect(e).toMatchObject({
      name: "Seurat.QC",
      lsid: "urn:lsid:genepattern.org:module.analysis:00416:5.0",
      baseLsid: "urn:lsid:genepattern.org:module.analysis:00416",
      version: "5.0",
    });
    expect(e.commandLine.startsWith("Rscript --no-save")).toBe(true);
  });

  it("lists every problem of an unusable manifest", () => {
    const attempt = () => entryFromManifest("name=\nLSID=urn\\:lsid\\:x\\:y\ncommandLine=\n", { origin: "bad/manifest", source: "test" });
    expect(attempt).toThrow(ImportError);
    try {
      attempt();
    } catch (error) {
      expect((error as ImportError).problems).toEqual([
        "missing 'name'",
        expect.stringContaining("invalid LSID 'urn:lsid:x:y'"),
        "missing 'commandLine'",
      ]);
    }
  });

  it("refuses an LSID without a version and binary garbage", () => {
    expect(() => entryFromManifest("name=A\nLSID=urn:lsid:a.b:c:1\ncommandLine=x\n", { origin: "m", source: "t" })).toThrow(/has no version/);
    expect(() => entryFromManifest("\u0000\u0001PK", { origin: "m", source: "t" })).toThrow(/binary/);
  });
});

describe("readTaskLibFolder", () => {
  it("finds the demo modules and the fixtures, with their versions", () => {
    const entries = readTaskLibFolder(demoDir);
    // Other areas may add demo modules (e.g. Heartbeat for the logs demo); these are the ones this area relies on.
    expect(entries.map((e) => `${e.name}:${e.version}`).sort()).toEqual(expect.arrayContaining([
      "ConvertLineEndings:1",
      "ExampleModule:3.0",
      "SelectFeaturesColumns:4",
      "Seurat.QC:5.0",
      "TextToTable:1",
      "WordCount:1",
      "WordCount:2",
    ]));
    const wc2 = entries.find((e) => e.lsid.endsWith(":00003:2"))!;
    expect(wc2.taskLibDir).toBe(path.join(demoDir, "WordCount/2"));
    expect(parseManifest(wc2.manifest).params.find((p) => p.name === "top.words")?.prefixWhenSpecified).toBe("--top=");
  });

  it("reports every bad manifest and imports none", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tasklib-"));
    fs.mkdirSync(path.join(dir, "Good.1.1"));
    fs.copyFileSync(path.join(demoDir, "WordCount/1/manifest"), path.join(dir, "Good.1.1/manifest"));
    fs.mkdirSync(path.join(dir, "Bad.1.2"));
    fs.writeFileSync(path.join(dir, "Bad.1.2/manifest"), "name=Bad\nLSID=not-an-lsid\ncommandLine=x\n");
    try {
      expect(() => readTaskLibFolder(dir)).toThrow(/1 of 2 manifests cannot be imported[\s\S]*not-an-lsid/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says so when the folder is missing or holds no module", () => {
    expect(() => readTaskLibFolder("/nonexistent/taskLib")).toThrow("taskLib folder '/nonexistent/taskLib' does not exist");
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "tasklib-"));
    expect(() => readTaskLibFolder(empty)).toThrow(/no module found/);
    fs.rmSync(empty, { recursive: true });
  });

  it("refuses two folders with the same LSID", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tasklib-"));
    for (const sub of ["A.1.1", "A.1.2"]) {
      fs.mkdirSync(path.join(dir, sub));
      fs.copyFileSync(path.join(demoDir, "WordCount/1/manifest"), path.join(dir, sub, "manifest"));
    }
    expect(() => readTaskLibFolder(dir)).toThrow(/same LSID is imported twice/);
    fs.rmSync(dir, { recursive: true });
  });
});

describe("readModuleZip", () => {
  const manifest = fs.readFileSync(path.join(demoDir, "WordCount/2/manifest"));

  it("reads a module zip with its files", () => {
    const zip = zipSync({ manifest, "word_count.py": strToU8("print('hi')\n"), "lib/helper.txt": strToU8("x") });
    const entry = readModuleZip(zip, "WordCount.zip");
    expect(entry.lsid).toBe("urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00003:2");
    expect(entry.files!.map((f) => f.path).sort()).toEqual(["lib/helper.txt", "manifest", "word_count.py"]);
  });

  it.each([
    ["../evil.sh", "climbs out of the module folder (..)"],
    ["lib/../../evil.sh", "climbs out of the module folder (..)"],
    ["/etc/cron.d/evil", "is an absolute path"],
    ["C:/Windows/evil.bat", "is an absolute path"],
    ["..\\evil.bat", "climbs out of the module folder (..)"],
  ])("refuses the entry %s", (name, reason) => {
    expect(unsafeEntryReason(name)).toBe(reason);
    const zip = zipSync({ manifest, [name]: strToU8("boom") });
    expect(() => readModuleZip(zip, "evil.zip")).toThrow(reason);
  });

  it("refuses files over the size limit before inflating them (zip bomb)", () => {
    const bomb = zipSync({ manifest, "zeros.bin": new Uint8Array(5 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(() => readModuleZip(bomb, "bomb.zip", { maxEntries: 10, maxFileBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 })).toThrow(
      /zeros.bin' is 5242880 bytes, over the 1048576-byte limit/,
    );
  });

  it("refuses too many entries, damaged zips and zips without a manifest at the top", () => {
    const many: Record<string, Uint8Array> = { manifest };
    for (let i = 0; i < 20; i++) many[`f${i}`] = strToU8("x");
    expect(() => readModuleZip(zipSync(many), "many.zip", { maxEntries: 10, maxFileBytes: 1e6, maxTotalBytes: 1e7 })).toThrow(/21 entries, over the limit of 10/);
    const good = zipSync({ manifest });
    expect(() => readModuleZip(good.slice(0, good.length - 30), "cut.zip")).toThrow(/damaged/);
    expect(() => readModuleZip(zipSync({ "WordCount/manifest": manifest }), "nested.zip")).toThrow(/zip the module folder's contents/);
    expect(() => readModuleZip(zipSync({ "a.zip": zipSync({ manifest }) }), "suite.zip")).toThrow(/pipeline or suite zip/);
  });

  it("accepts a bare manifest upload and refuses garbage", () => {
    expect(readUpload(new Uint8Array(manifest), "manifest").name).toBe("WordCount");
    expect(() => readUpload(strToU8("hello world"), "notes.txt")).toThrow(/missing 'name'/);
  });
});

describe("saveCatalogEntries and lookups", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await createTempDb();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it("imports, re-imports idempotently and finds versions by name, LSID and version", async () => {
    const entries = readTaskLibFolder(demoDir);
    const n = entries.length;
    const first = await saveCatalogEntries(t.db, entries);
    expect(first).toMatchObject({ created: n, updated: 0, unchanged: 0 });
    const again = await saveCatalogEntries(t.db, readTaskLibFolder(demoDir));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: n });
    expect(await t.db.module.count()).toBe(new Set(entries.map((e) => e.baseLsid)).size);

    expect((await findModuleVersion(t.db, "WordCount"))?.version).toBe("2");
    expect((await findModuleVersion(t.db, "WordCount", "1"))?.lsid).toBe("urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00003:1");
    expect((await findModuleVersion(t.db, "urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00003"))?.version).toBe("2");
    const exact = await findModuleVersion(t.db, "urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00003:1");
    expect(exact?.name).toBe("WordCount");
    expect(await findModuleVersion(t.db, "NoSuchModule")).toBeNull();
    expect((await listModuleVersions(t.db, "WordCount")).map((v) => v.version)).toEqual(["2", "1"]);
    expect(await getManifestText(t.db, exact!.lsid)).toContain("word_count.py");
    expect(await getTaskLibDir(t.db, exact!.id)).toBe(path.join(demoDir, "WordCount/1"));
    expect((await listCatalog(t.db)).length).toBe(n);
  });

  it("installs module files under taskLib/<Name>.<version>.<id> and rolls everything back on failure", async () => {
    const taskLib = path.join(t.dir, "taskLib");
    const summary = await saveCatalogEntries(t.db, readTaskLibFolder(path.join(demoDir, "WordCount"), { copyFiles: true, source: "demo" }), { taskLibRoot: taskLib });
    const v2 = summary.versions.find((v) => v.version === "2")!;
    const dir = path.join(taskLib, `WordCount.2.${v2.id}`);
    expect(fs.readFileSync(path.join(dir, "word_count.py"), "utf8")).toContain("WordCount demo module");
    expect(await getTaskLibDir(t.db, v2.id)).toBe(dir);

    // A new module whose files cannot be written (a path that is a file, not a folder): no row, no folder.
    const entry = readModuleZip(zipSync({ manifest: fs.readFileSync(path.join(demoDir, "TextToTable/1/manifest")) }), "t.zip");
    const blocker = path.join(t.dir, "blocker");
    fs.writeFileSync(blocker, "");
    await expect(saveCatalogEntries(t.db, [entry], { taskLibRoot: path.join(blocker, "taskLib") })).rejects.toThrow();
    expect(await t.db.moduleVersion.count()).toBe(2);
    expect(await t.db.module.count()).toBe(1);
  });
});

describe("readGpServer", () => {
  type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;
  let server: http.Server;
  let base: string;
  let route: Route;
  const seen: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(`${req.headers.authorization ?? "-"} ${req.url}`);
      route(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    seen.length = 0;
  });

  const wc = fs.readFileSync(path.join(demoDir, "WordCount/1/manifest"), "utf8");
  const lsidWc = "urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00003:1";
  const lsidOld = "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00021:4";

  it("lists tasks and reads manifests, falling back to the task JSON on older servers", async () => {
    route = (req, res) => {
      const url = decodeURIComponent(req.url ?? "");
      if (req.headers.authorization !== `Basic ${Buffer.from("admin:secret").toString("base64")}`) return void res.writeHead(401).end("login");
      if (url.startsWith("/gp/rest/v1/tasks/all.json")) {
        res.writeHead(200, { "content-type": "application/json" });
        return void res.end(JSON.stringify({ all_modules: [{ lsid: lsidWc, name: "WordCount" }, { lsid: lsidOld, name: "SelectFeaturesColumns" }] }));
      }
      if (url === `/gp/rest/v1/tasks/${lsidWc}/manifest`) return void res.writeHead(200, { "content-type": "text/plain" }).end(wc);
      if (url.startsWith(`/gp/rest/v1/tasks/${lsidOld}?`)) {
        return void res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            name: "SelectFeaturesColumns",
            lsid: lsidOld,
            command_line: "<java> -cp <libdir>a.jar Main <input.filename>",
            params: [{ "input.filename": { attributes: { TYPE: "FILE", MODE: "IN", optional: "", prefix_when_specified: "--in=" }, description: "in" } }],
          }),
        );
      }
      res.writeHead(404).end("not found");
    };
    const entries = await readGpServer({ url: `${base}/gp/`, user: "admin", password: "secret" });
    expect(entries.map((e) => e.lsid)).toEqual([lsidWc, lsidOld]);
    expect(entries[0].manifest).toBe(wc);
    expect(entries[1].source).toBe(`gp:${base}/gp`);
    const rebuilt = parseManifest(entries[1].manifest);
    expect(rebuilt.commandLine).toBe("<java> -cp <libdir>a.jar Main <input.filename>");
    expect(rebuilt.params[0]).toMatchObject({ name: "input.filename", type: "FILE", prefixWhenSpecified: "--in=" });
  });

  it("explains wrong credentials, HTML answers and missing lists", async () => {
    route = (_req, res) => void res.writeHead(401).end("no");
    await expect(readGpServer({ url: base, user: "x", password: "y" })).rejects.toThrow(/refused the credentials \(HTTP 401\)/);
    route = (_req, res) => void res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Login</body></html>");
    await expect(readGpServer({ url: base })).rejects.toThrow(/an HTML page/);
    route = (_req, res) => void res.writeHead(200).end(JSON.stringify({ hello: 1 }));
    await expect(readGpServer({ url: base })).rejects.toThrow(/without an 'all_modules' list/);
    route = (_req, res) => void res.writeHead(500).end("java.lang.NullPointerException");
    await expect(readGpServer({ url: base })).rejects.toThrow(/HTTP 500.*NullPointerException/);
  });

  it("fails as a whole when one manifest is garbage", async () => {
    route = (req, res) => {
      const url = decodeURIComponent(req.url ?? "");
      if (url.startsWith("/gp/rest/v1/tasks/all.json")) return void res.writeHead(200).end(JSON.stringify({ all_modules: [{ lsid: lsidWc }, { lsid: lsidOld }] }));
      if (url === `/gp/rest/v1/tasks/${lsidWc}/manifest`) return void res.writeHead(200).end(wc);
      res.writeHead(200).end("%%% garbage %%%");
    };
    await expect(readGpServer({ url: base })).rejects.toThrow(/1 of 2 modules could not be read[\s\S]*not JSON/);
  });

  it("reports a server that is down or hangs", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(readGpServer({ url: `http://127.0.0.1:${port}` })).rejects.toThrow(/unreachable.*ECONNREFUSED/);
    route = () => undefined; // never answers
    await expect(readGpServer({ url: base, timeoutMs: 300 })).rejects.toThrow(/no answer within 0.3 s/);
  });

  it("normalises the GP URL and escapes properties the Java way", () => {
    expect(gpBaseUrl("https://gp.example.org")).toBe("https://gp.example.org/gp");
    expect(gpBaseUrl("https://gp.example.org/gp/")).toBe("https://gp.example.org/gp");
    expect(() => gpBaseUrl("ftp://x")).toThrow(/only http and https/);
    expect(() => gpBaseUrl("not a url")).toThrow(/is not a URL/);
    expect(escapeProperty("urn:lsid:a=b #c", false)).toBe("urn\\:lsid\\:a\\=b \\#c");
    expect(escapeProperty("é\n", false)).toBe("\\u00E9\\n");
    const text = manifestFromTaskJson({ name: "A", lsid: "urn:lsid:x:y:1:2", command_line: "run <x>" });
    expect(parseManifest(text)).toMatchObject({ name: "A", lsid: "urn:lsid:x:y:1:2", commandLine: "run <x>" });
  });
});
