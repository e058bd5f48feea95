import { describe, expect, it } from "vitest";
import { checkJobDefinitionJson, formatJobDefinitionDiagnostics } from "./schema";
import { readDemoJobDef } from "./test-fixtures";

describe("checkJobDefinitionJson", () => {
  it.each(["S3ModuleWrapper", "Java17_Oracle_Generic", "Demo_Generic", "Python36_Generic"])("accepts the real definition %s", (name) => {
    const result = checkJobDefinitionJson(readDemoJobDef(name).text);
    expect(result.ok).toBe(true);
  });

  it("reports invalid JSON with line and column", () => {
    const text = '{\n  "jobDefinitionName": "X",\n  "type": "container"\n  "containerProperties": {}\n}';
    const result = checkJobDefinitionJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: "invalid-json", range: { start: { line: 4, col: 3 } } });
    expect(result.diagnostics[0].message).toContain("expected ',' or '}'");
  });

  it("reports a trailing comma where it is", () => {
    const result = checkJobDefinitionJson('{"a": 1,\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics[0]).toMatchObject({ message: "Invalid JSON: trailing comma before '}'", range: { start: { line: 2, col: 1 } } });
  });

  it("reports unknown fields at the key's position", () => {
    const { text } = readDemoJobDef("Java17_Oracle_Generic");
    const edited = text.replace('"vcpus": 1,', '"vcpus": 1,\n        "cpus": 4,');
    const result = checkJobDefinitionJson(edited);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics).toHaveLength(1);
    const d = result.diagnostics[0];
    expect(d.code).toBe("unknown-field");
    expect(d.path).toEqual(["containerProperties", "cpus"]);
    expect(d.message).toBe('Unknown field "cpus" in containerProperties: RegisterJobDefinition does not accept it');
    const line = edited.split("\n").findIndex((l) => l.includes('"cpus"')) + 1;
    expect(d.range.start).toEqual({ line, col: 9 });
  });

  it("maps a wrong value type to the value's position", () => {
    const text = '{\n  "jobDefinitionName": "X",\n  "type": "container",\n  "containerProperties": {\n    "image": "a:1",\n    "memory": "2000"\n  }\n}';
    const result = checkJobDefinitionJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostics[0]).toMatchObject({ code: "invalid-value", path: ["containerProperties", "memory"], range: { start: { line: 6, col: 15 } } });
    expect(formatJobDefinitionDiagnostics(result.diagnostics, "x.json")).toMatch(/^x\.json:6:15: containerProperties\.memory: /);
  });

  it("refuses a definition over 24 KiB", () => {
    const { json } = readDemoJobDef("Java17_Oracle_Generic");
    const big = { ...json, containerProperties: { ...(json.containerProperties as object), environment: [{ name: "BIG", value: "x".repeat(25 * 1024) }] } };
    const result = checkJobDefinitionJson(JSON.stringify(big, null, 2));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics.map((d) => d.code)).toEqual(["too-large"]);
  });
});
