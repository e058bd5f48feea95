// YAML 1.1 plain-scalar resolution as SnakeYAML 1.6 does it (the parser GP uses), and Java's toString of the result.
// GP turns every scalar into a string, so "yes" is "true", 1.10 is "1.1", 0x1F is "31" and 2:00:00 is "7200".

/** The SnakeYAML 1.6 implicit resolvers, in its order: BOOL, INT, FLOAT, MERGE, NULL, TIMESTAMP (first match wins). */
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT =
  /^(?:[-+]?(?:\.[0-9]+|[0-9_]+(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const MERGE = /^<<$/;
const NULL = /^(?:~|null|Null|NULL| |)$/;
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;

export type ScalarKind = "null" | "bool" | "int" | "float" | "timestamp" | "merge" | "str";
/** value is GP's string form (null for YAML null); sexagesimal marks base-60 numbers such as 2:00:00. */
export type ResolvedScalar = { kind: ScalarKind; value: string | null; sexagesimal: boolean };

const BOOL_FIRST = "yYnNtTfFoO";
const NUM_FIRST = "-+0123456789";

/** Resolves the text of an unquoted (plain) scalar the way SnakeYAML 1.6 does, stringified as Java would. */
export function resolvePlainScalar(text: string): ResolvedScalar {
  if (isPlainDecimal(text)) return { kind: "int", value: text, sexagesimal: false }; // the common case, no regex
  const first = text.charAt(0);
  if (BOOL_FIRST.includes(first) && first !== "" && BOOL.test(text)) {
    const lower = text.toLowerCase();
    return { kind: "bool", value: lower === "yes" || lower === "true" || lower === "on" ? "true" : "false", sexagesimal: false };
  }
  if (first !== "" && NUM_FIRST.includes(first) && INT.test(text)) {
    const value = constructInt(text);
    if (value !== null) return { kind: "int", value, sexagesimal: text.includes(":") };
  }
  if (first !== "" && (NUM_FIRST + ".").includes(first) && FLOAT.test(text)) {
    const value = constructFloat(text);
    if (value !== null) return { kind: "float", value, sexagesimal: text.includes(":") };
  }
  if (first === "<" && MERGE.test(text)) return { kind: "merge", value: text, sexagesimal: false };
  if ((first === "" || "~nN".includes(first)) && NULL.test(text)) return { kind: "null", value: null, sexagesimal: false };
  if (first !== "" && "0123456789".includes(first) && TIMESTAMP.test(text)) {
    return { kind: "timestamp", value: text, sexagesimal: false };
  }
  return { kind: "str", value: text, sexagesimal: false };
}

/** Digits only, no leading zero (octal) unless it is "0": Integer.toString gives the text back unchanged. */
function isPlainDecimal(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > 15 || (n > 1 && text.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** SnakeYAML ConstructYamlInt: underscores dropped, 0b/0x/0-octal/base-60, printed in decimal (Integer/Long/BigInteger). */
function constructInt(text: string): string | null {
  let value = text.replaceAll("_", "");
  let sign = 1n;
  if (value.startsWith("-")) {
    sign = -1n;
    value = value.slice(1);
  } else if (value.startsWith("+")) {
    value = value.slice(1);
  }
  try {
    if (value === "0") return "0";
    if (value.startsWith("0b")) return (sign * BigInt("0b" + value.slice(2))).toString();
    if (value.startsWith("0x")) return (sign * BigInt("0x" + value.slice(2))).toString();
    if (value.startsWith("0")) return (sign * BigInt("0o" + value.slice(1))).toString();
    if (value.includes(":")) {
      const digits = value.split(":");
      let result = 0n;
      let base = 1n;
      for (let i = digits.length - 1; i >= 0; i--) {
        result += BigInt(digits[i]!) * base;
        base *= 60n;
      }
      return (sign * result).toString();
    }
    return (sign * BigInt(value)).toString();
  } catch {
    return null;
  }
}

/** SnakeYAML ConstructYamlFloat, printed with Java's Double.toString. */
function constructFloat(text: string): string | null {
  let value = text.replaceAll("_", "");
  let sign = 1;
  if (value.startsWith("-")) {
    sign = -1;
    value = value.slice(1);
  } else if (value.startsWith("+")) {
    value = value.slice(1);
  }
  const lower = value.toLowerCase();
  if (lower === ".inf") return javaDoubleToString(sign * Infinity);
  if (lower === ".nan") return "NaN";
  if (value.includes(":")) {
    const digits = value.split(":");
    let result = 0;
    let base = 1;
    for (let i = digits.length - 1; i >= 0; i--) {
      result += Number.parseFloat(digits[i]!) * base;
      base *= 60;
    }
    return javaDoubleToString(sign * result);
  }
  const parsed = Number(value.endsWith(".") ? value + "0" : value);
  if (Number.isNaN(parsed)) return null;
  return javaDoubleToString(sign * parsed);
}

/**
 * Java's Double.toString: plain decimal with at least one fraction digit for 1e-3 <= |d| < 1e7, otherwise
 * "d.dddE[-]n". Digits are the shortest round-trip ones (JavaScript's), which is what modern JDKs print.
 */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return "NaN";
  if (d === Infinity) return "Infinity";
  if (d === -Infinity) return "-Infinity";
  if (d === 0) return Object.is(d, -0) ? "-0.0" : "0.0";
  const negative = d < 0;
  const abs = Math.abs(d);
  const [mantissa, expText] = abs.toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const exp = Number(expText);
  let out: string;
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
      const frac = digits.slice(exp + 1) || "0";
      out = `${intPart}.${frac}`;
    } else {
      out = `0.${"0".repeat(-exp - 1)}${digits}`;
    }
  } else {
    out = `${digits[0]}.${digits.slice(1) || "0"}E${exp}`;
  }
  return negative ? `-${out}` : out;
}

/** True when `value`, written unquoted, would not read back as exactly this string under YAML 1.1 rules. */
export function plainWouldCoerce(value: string): boolean {
  return resolvePlainScalar(value).kind !== "str";
}
