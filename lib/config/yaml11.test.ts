import { describe, expect, it } from "vitest";
import { javaDoubleToString, plainWouldCoerce, resolvePlainScalar } from "./yaml11";

describe("resolvePlainScalar (SnakeYAML 1.6, YAML 1.1)", () => {
  it.each([
    // booleans in the three cases, stringified by Boolean.toString
    ["yes", "bool", "true"], ["Yes", "bool", "true"], ["YES", "bool", "true"],
    ["no", "bool", "false"], ["No", "bool", "false"], ["NO", "bool", "false"],
    ["on", "bool", "true"], ["On", "bool", "true"], ["ON", "bool", "true"],
    ["off", "bool", "false"], ["Off", "bool", "false"], ["OFF", "bool", "false"],
    ["true", "bool", "true"], ["True", "bool", "true"], ["TRUE", "bool", "true"],
    ["false", "bool", "false"], ["False", "bool", "false"], ["FALSE", "bool", "false"],
    ["yEs", "str", "yEs"], ["y", "str", "y"], ["n", "str", "n"],
    // ints: decimal, underscores, octal, hex, binary, base 60, printed by Integer/Long/BigInteger.toString
    ["100", "int", "100"], ["+12", "int", "12"], ["-7", "int", "-7"], ["-0", "int", "0"], ["1_000", "int", "1000"],
    ["0777", "int", "511"], ["010", "int", "8"], ["0x1F", "int", "31"], ["0b101", "int", "5"],
    ["2:00:00", "int", "7200"], ["9:30", "int", "570"], ["1:00", "int", "60"],
    ["99999999999999999999", "int", "99999999999999999999"],
    // floats, printed by Double.toString
    ["1.10", "float", "1.1"], ["1.0", "float", "1.0"], ["1.", "float", "1.0"], [".5", "float", "0.5"],
    ["1e5", "float", "100000.0"], ["1.5e-7", "float", "1.5E-7"], ["12345678.9", "float", "1.23456789E7"],
    ["0.0001", "float", "1.0E-4"], ["0.001", "float", "0.001"], ["-0.0", "float", "-0.0"], ["08", "float", "8.0"],
    ["1:30.5", "float", "90.5"], [".inf", "float", "Infinity"], ["-.Inf", "float", "-Infinity"], [".NaN", "float", "NaN"],
    // null vs empty
    ["~", "null", null], ["null", "null", null], ["Null", "null", null], ["NULL", "null", null], ["", "null", null],
    // dates stay text here; the parser reports them (GP fails to load the file)
    ["2020-01-01", "timestamp", "2020-01-01"], ["2020-1-1 10:00:00", "timestamp", "2020-1-1 10:00:00"],
    // things that stay strings
    ["02:00:00", "str", "02:00:00"], ["09:30", "str", "09:30"], ["4Gb", "str", "4Gb"], ["2 Gb", "str", "2 Gb"],
    ["1.2.3", "str", "1.2.3"], ["nullable", "str", "nullable"], ["<<", "merge", "<<"], ["python3", "str", "python3"],
  ] as const)("%j -> %s %j", (text, kind, value) => {
    const r = resolvePlainScalar(text);
    expect(r.kind).toBe(kind);
    expect(r.value).toBe(value);
  });

  it("marks base-60 numbers", () => {
    expect(resolvePlainScalar("2:00:00").sexagesimal).toBe(true);
    expect(resolvePlainScalar("7200").sexagesimal).toBe(false);
  });
});

describe("javaDoubleToString", () => {
  it.each([
    [1, "1.0"], [1.1, "1.1"], [100000, "100000.0"], [9999999, "9999999.0"], [1e7, "1.0E7"], [0.001, "0.001"],
    [0.00099, "9.9E-4"], [-2.5, "-2.5"], [0, "0.0"], [-0, "-0.0"], [1e21, "1.0E21"], [123.456, "123.456"],
    [Infinity, "Infinity"], [-Infinity, "-Infinity"], [Number.NaN, "NaN"],
  ])("%d -> %s", (value, text) => expect(javaDoubleToString(value)).toBe(text));
});

describe("plainWouldCoerce", () => {
  it.each([
    ["yes", true], ["2:00:00", true], ["2020-01-01", true], ["1.10", true], ["0777", true], ["", true], ["null", true],
    ["python3", false], ["02:00:00", false], ["4 Gb", false],
  ] as const)("%j -> %s", (text, expected) => expect(plainWouldCoerce(text)).toBe(expected));
});
