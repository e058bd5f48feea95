import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ActionError } from "../errors";
import { formDataToObject, runAction } from "./run-action";
import type { SessionUser } from "./roles";

const admin: SessionUser = { id: "a", username: "ada", role: "admin" };
const viewer: SessionUser = { id: "v", username: "vic", role: "viewer" };
const schema = z.object({ name: z.string().min(2, "Too short."), count: z.coerce.number().int() });
const definition = { permission: "config.write" as const, schema };
const echo = async (input: z.output<typeof schema>, ctx: { user: SessionUser }) => ({ ...input, by: ctx.user.username });

describe("runAction()", () => {
  it("runs the handler with parsed input for an allowed role", async () => {
    expect(await runAction(definition, echo, { user: admin }, { name: "ok", count: "3" })).toEqual({
      ok: true,
      data: { name: "ok", count: 3, by: "ada" },
    });
  });

  it("refuses a viewer before parsing or running anything", async () => {
    let ran = false;
    const result = await runAction(definition, async () => (ran = true), { user: viewer }, { name: "x" });
    expect(result).toEqual({ ok: false, code: "forbidden", message: "Your role (viewer) does not allow this (needs config.write)." });
    expect(ran).toBe(false);
  });

  it("refuses without a session", async () => {
    expect(await runAction(definition, echo, { user: null }, {})).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("returns field errors for invalid input", async () => {
    const result = await runAction(definition, echo, { user: admin }, { name: "x", count: "1.5" });
    expect(result).toMatchObject({ ok: false, code: "invalid", message: "Invalid input. name: Too short." });
    if (result.ok) return;
    expect(result.fieldErrors?.name).toEqual(["Too short."]);
    expect(result.fieldErrors?.count).toHaveLength(1);
  });

  it("turns an ActionError into a result and rethrows anything else", async () => {
    const conflict = async () => {
      throw new ActionError("conflict", "Changed meanwhile.", { text: ["stale"] });
    };
    expect(await runAction(definition, conflict, { user: admin }, { name: "ok", count: 1 })).toEqual({
      ok: false,
      code: "conflict",
      message: "Changed meanwhile.",
      fieldErrors: { text: ["stale"] },
    });
    const bug = async () => {
      throw new TypeError("boom");
    };
    await expect(runAction(definition, bug, { user: admin }, { name: "ok", count: 1 })).rejects.toThrow("boom");
  });

  it("accepts FormData (repeated keys become arrays)", async () => {
    const form = new FormData();
    form.set("name", "from-form");
    form.set("count", "7");
    expect(await runAction(definition, echo, { user: admin }, form)).toEqual({ ok: true, data: { name: "from-form", count: 7, by: "ada" } });
    form.append("tag", "a");
    form.append("tag", "b");
    expect(formDataToObject(form)).toEqual({ name: "from-form", count: "7", tag: ["a", "b"] });
  });
});
