// Foundation seed: the first admin and the demo config file. Idempotent; never overwrites an existing admin's password.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generatePassword, hashPassword } from "../auth/password";
import { recordAudit } from "../audit/record-audit";
import type { Seeder } from "./index";

export const ADMIN_USERNAME = "admin";

const demoConfig = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../demo/config_custom.yaml");

export const foundationSeeder: Seeder = {
  name: "foundation",
  async run({ db, env }) {
    const existing = await db.user.findUnique({ where: { username: ADMIN_USERNAME }, select: { id: true } });
    if (!existing) {
      const password = env.adminPassword ?? generatePassword();
      const admin = await db.user.create({
        data: { username: ADMIN_USERNAME, role: "admin", passwordHash: await hashPassword(password) },
        select: { id: true, username: true },
      });
      await recordAudit(db, {
        actor: { id: null, username: "system" },
        action: "user.create",
        target: `user:${admin.username}`,
        after: { username: admin.username, role: "admin" },
        reason: "first start",
      });
      if (!env.adminPassword) {
        // Printed exactly once: the hash is all that is kept.
        console.log(
          `\n  Created the first admin user.\n    username: ${ADMIN_USERNAME}\n    password: ${password}\n` +
            `  (Shown only now. Set ADMIN_PASSWORD before the first start to choose it.)\n`,
        );
      }
    }
    if (!fs.existsSync(env.configPath)) {
      fs.mkdirSync(path.dirname(env.configPath), { recursive: true });
      fs.copyFileSync(demoConfig, env.configPath);
      console.log(`  Wrote the demo config to ${env.configPath}`);
    }
  },
};
