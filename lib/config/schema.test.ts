import { describe, expect, it } from "vitest";
import { configJsonSchema, configSchema, propertiesSchema, wellKnownProperties } from "./schema";

describe("configSchema", () => {
  it("accepts GP's coerced strings and YAML 1.2 natives for typed keys", () => {
    for (const props of [{ "job.memory": "4 Gb", "job.cpuCount": "2", "job.walltime": "02:00:00" }, { "job.memory": 8, "job.cpuCount": 2, "job.walltime": 7200 }]) {
      expect(propertiesSchema.safeParse(props).success).toBe(true);
    }
  });

  it.each([
    ["job.memory", "lots"],
    ["job.cpuCount", "four"],
    ["job.walltime", "two hours"],
    ["job.error_status.stderr", "maybe"],
    ["job.queue", ["a", "b"]],
  ])("rejects %s: %j", (key, value) => {
    expect(propertiesSchema.safeParse({ [key]: value }).success).toBe(false);
  });

  it("is open to unknown keys and sections, and requires executors", () => {
    expect(configSchema.safeParse({ executors: { A: "x" }, custom: 1, "default.properties": { "my.key": ["a"] } }).success).toBe(true);
    expect(configSchema.safeParse({ "default.properties": {} }).success).toBe(false);
  });

  it("takes executors in short and long form", () => {
    const ok = configSchema.safeParse({ executors: { S: "org.S", L: { classname: "org.L", "configuration.properties": { minDelay: 1000 }, "default.properties": { "job.queue": "q" } } } });
    expect(ok.success).toBe(true);
    expect(configSchema.safeParse({ executors: { L: { "default.properties": {} } } }).success).toBe(false);
  });
});

describe("configJsonSchema", () => {
  const schema = configJsonSchema();
  const text = JSON.stringify(schema);

  it("is plain JSON Schema with descriptions for hover", () => {
    expect(schema.$schema).toContain("json-schema.org");
    expect(JSON.parse(text)).toEqual(schema);
    for (const key of Object.keys(wellKnownProperties)) expect(text).toContain(JSON.stringify(key));
    expect(text).toContain("no unit means Gb");
    expect(text).toContain("Quote it");
  });

  it("spells out case-insensitive patterns (JSON Schema has no regex flags)", () => {
    const memory = new RegExp("^\\s*\\d+(\\.\\d+)?\\s*([bBkKmMgGtTpP][bB]?)?\\s*$");
    expect(text).toContain(JSON.stringify(memory.source).slice(1, -1));
    for (const v of ["4 Gb", "512m", "8", "2GB", "1.5 tb"]) expect(memory.test(v)).toBe(true);
  });

  it("lists executors as required", () => {
    expect(schema.required).toEqual(["executors"]);
  });
});
