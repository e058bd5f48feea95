// GP's group membership file (userGroups.xml, reference §2.4): <group name="g"><user name="u"/></group>.
import { XMLParser, XMLValidator } from "fast-xml-parser";

export type UserGroups = {
  /** group name -> member user ids, in file order. */
  groups: Map<string, string[]>;
};

export class UserGroupsError extends Error {
  constructor(message: string, readonly line?: number, readonly col?: number) {
    super(line ? `${line}:${col ?? 1}: ${message}` : message);
    this.name = "UserGroupsError";
  }
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Parses userGroups.xml; throws UserGroupsError with line/column for malformed XML or a group without a name. */
export function parseUserGroups(xml: string): UserGroups {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new UserGroupsError(valid.err.msg, valid.err.line, valid.err.col);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => name === "group" || name === "user" }).parse(xml);
  const root = doc?.userGroups;
  if (root === undefined) throw new UserGroupsError("expected a <userGroups> root element");
  const groups = new Map<string, string[]>();
  for (const group of asArray<Record<string, unknown>>(root?.group)) {
    const name = group["@_name"];
    if (typeof name !== "string" || name === "") throw new UserGroupsError("<group> without a name attribute");
    const members = groups.get(name) ?? [];
    for (const user of asArray<Record<string, unknown>>(group.user as Record<string, unknown>[] | undefined)) {
      const id = user["@_name"];
      if (typeof id === "string" && !members.includes(id)) members.push(id);
    }
    groups.set(name, members);
  }
  return { groups };
}

function globMatches(glob: string, text: string): boolean {
  const pattern = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${pattern}$`).test(text);
}

/**
 * UserGroups.getGroups(user): the groups that list the user, the groups that list user `*` (always including group `*`),
 * and every group whose name ends with `*` and matches the user id as a glob (GP-9463). Order: file order, then `*`.
 */
export function groupsForUser(userGroups: UserGroups, userId: string): string[] {
  const result: string[] = [];
  const add = (g: string) => {
    if (!result.includes(g)) result.push(g);
  };
  for (const [name, members] of userGroups.groups) if (members.includes(userId)) add(name);
  for (const [name, members] of userGroups.groups) if (members.includes("*")) add(name);
  add("*");
  for (const name of userGroups.groups.keys()) if (name.endsWith("*") && name !== "*" && globMatches(name, userId)) add(name);
  return result;
}
