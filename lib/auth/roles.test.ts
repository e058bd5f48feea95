import { describe, expect, it } from "vitest";
import { ActionError } from "../errors";
import { assertCan, can, permissions, type Permission, type Role } from "./roles";

const operatorMay: Permission[] = ["read", "jobs.submit", "jobs.cancel", "sync.run"];

describe("can()", () => {
  const table: [Role, Permission, boolean][] = [];
  for (const permission of permissions) {
    table.push(["admin", permission, true]);
    table.push(["operator", permission, operatorMay.includes(permission)]);
    table.push(["viewer", permission, permission === "read"]);
  }
  it.each(table)("%s may %s: %s", (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });

  it("refuses unknown or missing roles", () => {
    expect(can("root", "read")).toBe(false);
    expect(can(null, "read")).toBe(false);
    expect(can(undefined, "read")).toBe(false);
  });
});

describe("assertCan()", () => {
  it("throws unauthenticated without a user", () => {
    expect(() => assertCan(null, "read")).toThrowError(expect.objectContaining({ code: "unauthenticated" }));
  });

  it("throws forbidden naming the role and the permission", () => {
    try {
      assertCan({ id: "u1", username: "vic", role: "viewer" }, "users.manage");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ActionError);
      expect((error as ActionError).code).toBe("forbidden");
      expect((error as ActionError).message).toBe("Your role (viewer) does not allow this (needs users.manage).");
    }
  });

  it("passes when allowed", () => {
    expect(() => assertCan({ id: "u1", username: "olga", role: "operator" }, "sync.run")).not.toThrow();
  });
});
