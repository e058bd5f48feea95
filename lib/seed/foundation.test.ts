import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "../auth/password";
import { loadEnv } from "../env";
import { createTempDb, type TempDb } from "../test/temp-db";
import { foundationSeeder } from "./foundation";

let t: TempDb;
beforeEach(async () => {
  t = await createTempDb();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.cleanup();
});

const envFor = (extra: Record<string, string> = {}) => loadEnv({ GP_BATCH_DATA_DIR: path.join(t.dir, "data"), NODE_ENV: "test", ...extra } as NodeJS.ProcessEnv);

async function adminHash() {
  return (await t.db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { passwordHash: true, role: true } }));
}

describe("foundation seed", () => {
  it("creates the admin from ADMIN_PASSWORD and copies the demo config, idempotently", async () => {
    const env = envFor({ ADMIN_PASSWORD: "first-password" });
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await foundationSeeder.run({ db: t.db, env });
    const admin = await adminHash();
    expect(admin.role).toBe("admin");
    expect(await verifyPassword("first-password", admin.passwordHash)).toBe(true);
    expect(fs.readFileSync(env.configPath, "utf8")).toBe(fs.readFileSync(path.resolve(__dirname, "../../demo/config_custom.yaml"), "utf8"));
    expect(log.mock.calls.flat().join("\n")).not.toContain("first-password");

    // A second run with another password and an edited config changes nothing.
    fs.writeFileSync(env.configPath, "# edited\n");
    await foundationSeeder.run({ db: t.db, env: envFor({ ADMIN_PASSWORD: "other-password" }) });
    expect(await verifyPassword("first-password", (await adminHash()).passwordHash)).toBe(true);
    expect(fs.readFileSync(env.configPath, "utf8")).toBe("# edited\n");
    expect(await t.db.user.count()).toBe(1);
    expect(await t.db.auditEvent.count()).toBe(1);
  });

  it("generates and prints the password once when ADMIN_PASSWORD is unset", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await foundationSeeder.run({ db: t.db, env: envFor() });
    const printed = log.mock.calls.flat().join("\n");
    const match = /password: (\S+)/.exec(printed);
    expect(match).not.toBeNull();
    expect(await verifyPassword(match![1], (await adminHash()).passwordHash)).toBe(true);
    log.mockClear();
    await foundationSeeder.run({ db: t.db, env: envFor() });
    expect(log.mock.calls.flat().join("\n")).not.toContain("password:");
  });
});
