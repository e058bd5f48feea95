import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { groupsForUser, parseUserGroups } from "./user-groups";
import { FIXTURES_DIR } from "../test/fixtures";

const drmGroups = parseUserGroups(readFileSync(`${FIXTURES_DIR}/gpserver_test_config_drm_test_userGroups.xml`, "utf8"));

describe("userGroups.xml", () => {
  it("reads drm_test_userGroups.xml in file order", () => {
    expect([...drmGroups.groups.entries()]).toEqual([
      ["admingroup", ["adminuser", "adminA", "adminB"]],
      ["broadgroup", ["Broadie C", "Broadie D", "Broadie E"]],
    ]);
  });
  it.each([
    ["adminuser", ["admingroup", "*"]],
    ["Broadie C", ["broadgroup", "*"]],
    ["nobody", ["*"]],
  ])("groups of %s", (user, expected) => {
    expect(groupsForUser(drmGroups, user)).toEqual(expected);
  });
  it("adds groups listing user * and glob groups", () => {
    const ug = parseUserGroups(`<userGroups>
      <group name="everyone"><user name="*"/></group>
      <group name="Anonymous*"></group>
      <group name="staff"><user name="ann"/><user name="Anonymous_1"/></group>
    </userGroups>`);
    expect(groupsForUser(ug, "Anonymous_1")).toEqual(["staff", "everyone", "*", "Anonymous*"]);
    expect(groupsForUser(ug, "ann")).toEqual(["staff", "everyone", "*"]);
  });
  it("reports malformed XML with a position", () => {
    expect(() => parseUserGroups("<userGroups>\n<group name='a'>\n</userGroups>")).toThrow(/^\d+:\d+: /);
    expect(() => parseUserGroups("<other/>")).toThrow(/userGroups/);
    expect(() => parseUserGroups("<userGroups><group><user name='x'/></group></userGroups>")).toThrow(/without a name/);
  });
});
