import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateConfig } from "../../bench/generate-config";
import { parseConfigDetailed } from "./parse";
import { parseFastDetailed } from "./parse-fast";
import { validateParsed } from "./validate";
import { FIXTURES_DIR } from "../test/fixtures";

const FIXTURES = FIXTURES_DIR;

/** Model and diagnostics as comparable JSON (Maps become entry lists). */
function snapshot(text: string, fast: boolean): string {
  const details = parseConfigDetailed(text, { fast });
  const plain = (v: unknown): unknown =>
    v instanceof Map ? [...v].map(([k, x]) => [k, plain(x)]) : Array.isArray(v) ? v.map(plain) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v;
  return JSON.stringify({ model: plain(details.parsed.model), diagnostics: validateParsed(details) });
}

function expectSameAsYaml(text: string) {
  expect(snapshot(text, true)).toBe(snapshot(text, false));
}

describe("the fast reader gives exactly what the yaml package gives", () => {
  const files: [string, string][] = readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => [f, readFileSync(`${FIXTURES}/${f}`, "utf8")]);
  files.push(["demo/config_custom.yaml", readFileSync(new URL("../../demo/config_custom.yaml", import.meta.url), "utf8")]);
  files.push(["generated 3,000 lines", generateConfig(3000).text]);

  it.each(files)("%s", (name, text) => {
    expectSameAsYaml(text);
    // Every real config is inside the subset; the job-options form starts with a flow map at the top level.
    expect(parseFastDetailed(text).fallbackLine).toBe(name === "gpserver_resources_jobInputParams.yaml" ? 4 : null);
  });

  it.each([
    ["CRLF", "executors:\r\n  A: x\r\ndefault.properties:\r\n  a: 'b' # c\r\n  e:\r\n"],
    ["trailing spaces and comments", "executors:   \n  A: x   # c\n\n   # indented comment\ndefault.properties: # c\n  a:    v   \n"],
    ["tabs", "executors:\n\tA: x\n"],
    ["a tab inside a value", "executors: {A: x}\ndefault.properties:\n  a: b\tc\n"],
    ["multi-line plain", "executors: {A: x}\ndefault.properties:\n  a: one\n    two\n"],
    ["keys with spaces and colons", "executors: {A: x}\nmodule.properties:\n  my module: {a: b}\n  urn:lsid:a.org:ns:1:2:\n    q: r\n  \"urn:lsid:a.org:ns:1:3\": {q: s}\n"],
    ["colons in values", "executors: {A: x}\ndefault.properties:\n  a: s3://b/p\n  b: a:b\n  c: 2:00:00\n"],
    ["a mapping in a value", "executors: {A: x}\ndefault.properties:\n  a: b: c\n"],
    ["junk after a quote", "executors: {A: x}\ndefault.properties:\n  a: \"b\" c\n"],
    ["quotes", "executors: {A: x}\ndefault.properties:\n  a: 'it''s'\n  b: \"say 'hi'\"\n  c: \"tab\\there\"\n  d: \"\"\n  e: ''\n"],
    ["a multi-line double-quoted string", "executors: {A: x}\ndefault.properties:\n  a: \"one \\\n    two\n    three\"\n  b: c\n"],
    ["an under-indented continuation", "executors: {A: x}\ndefault.properties:\n  a: \"one\ntwo\"\n"],
    ["empty values", "executors: {A: x}\ndefault.properties:\n  a:\n  b: # c\n  c: ~\n  d: null\nuser.properties:\n  bob:\n"],
    ["lists", "executors: {A: x}\ndefault.properties:\n  a:\n  - x\n  - 'y'\n  -\n  - -1\n  b:\n      - z # c\n\n      - \"w\"\n  c: [a, \"b\", 'c']\n"],
    ["a nested list", "executors: {A: x}\ndefault.properties:\n  a:\n    - - x\n"],
    ["a map in a list", "executors: {A: x}\ndefault.properties:\n  a:\n    - k: v\n"],
    ["a list under a plain value", "executors: {A: x}\ndefault.properties:\n  a: b\n    - c\n"],
    ["merge keys", "executors: {A: x}\nbase: &b {m: 1}\nmodule.properties:\n  M:\n    <<: *b\n    n: 2\n"],
    ["anchors and aliases", "executors: {A: x}\nmodule.properties:\n  M: &m\n    a: 1\n  N: *m\n  O: &s v\n  P: *s\n  Q: *m # again\n"],
    ["a forward alias", "executors: {A: x}\nmodule.properties:\n  N: *m\n  M: &m\n    a: 1\n"],
    ["an anchored empty value", "executors: {A: x}\ndefault.properties:\n  a: &e\n  b: *e\n"],
    ["an anchored list item", "executors: {A: x}\ndefault.properties:\n  a:\n    - &i x\n    - *i\n"],
    ["the * group", "executors: {A: x}\ngroup.properties:\n  \"*\":\n    a: b\n  '*x': {a: c}\n"],
    ["an unquoted * key", "executors: {A: x}\ngroup.properties:\n  *:\n    a: b\n"],
    ["unicode", "executors: {A: x}\ndefault.properties:\n  ä: ö\n  b: ünï\n"],
    ["a BOM", "\uFEFFexecutors: {A: x}\n"],
    ["document markers", "---\nexecutors: {A: x}\n...\n"],
    ["a directive", "%YAML 1.1\n---\nexecutors: {A: x}\n"],
    ["a complex key", "executors: {A: x}\ndefault.properties:\n  ? a\n  : b\n"],
    ["a multi-line flow map with comments", "executors: {A: x}\ndefault.properties:\n  lookup: {\n    # c\n    \"A:1\": \"img:1\", B: img,\n  } # tail\n  z: 1\n"],
    ["an under-indented flow list", "top:\n  k: [x,\n  y]\n  z: 1\n"],
    ["a flow list closed at the key's column", "top:\n  k: [x,\n   y\n  ]\n  z: 1\n"],
    ["a flow list closed left of the key", "top:\n  k: [x,\n   y\n ]\n  z: 1\n"],
    ["a multi-line value in a list", "top:\n  k:\n  - [x,\n     y]\n  - \"a\n     b\"\n"],
    ["an unbalanced flow map", "executors: {A: x}\ndefault.properties:\n  lookup: {a: b\n  z: 1\n"],
    ["junk after a flow list", "executors: {A: x}\ndefault.properties:\n  a: [x] y\n"],
    ["block scalars", "executors: {A: x}\ndefault.properties:\n  a: |\n    x\n  b: >\n    y\n"],
    ["tags", "executors: {A: x}\ndefault.properties:\n  a: !!str 1\n  b: !x y\n"],
    ["bad indentation", "executors:\n  A: x\n B: y\n"],
    ["deeper sibling", "executors:\n  A: x\n    B: y\n"],
    ["duplicate keys", "executors: {A: x}\ndefault.properties:\n  a: 1\n  a: 2\n"],
    ["an indented root", "   executors:\n     A: x\n   module.properties: {}\n"],
    ["a root scalar", "just text\n"],
    ["only comments", "# a\n  # b\n"],
    ["empty", ""],
    ["numbers and booleans", "executors: {A: x}\ndefault.properties:\n  a: 1.10\n  b: 0777\n  c: yes\n  d: 2020-01-01\n  1.5: e\n  yes: f\n"],
    ["values starting with indicators", "executors: {A: x}\ndefault.properties:\n  a: <run-with-docker> x\n  b: -Xmx2g\n  c: ./x\n  d: @x\n  e: `x`\n  f: %x\n  g: ,x\n  h: ?x\n"],
    ["no space after the colon", "executors: {A: x}\ndefault.properties:\n  a:b\n"],
    ["no newline at the end", "executors: {A: x}\ndefault.properties:\n  a: b"],
  ])("%s", (_label, text) => expectSameAsYaml(text));
});

describe("random documents: the fast reader never disagrees with the yaml package", () => {
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pick = <T,>(items: T[]) => items[rand(items.length)]!;
  const keys = ["a", "job.memory", "\"q k\"", "'s'", "urn:lsid:a:b:c:1", "yes", "1.10", "k k", "x#y", "*", "\"*\"", "-k", "<<", "~"];
  const scalars = ["v", "\"d q\"", "'s q'", "", "# c", "1.10", "2:00:00", "yes", "a:b", "a: b", "[x, y]", "{a: b}", "&an v", "*an", "|", "\"e\\\"s\"", "-", "- x", "x #c", "x#c", "'it''s'", "\"unclosed", "[unclosed", "<t>/x", "ä"];
  const indents = [0, 1, 2, 4];

  function randomDoc(): string {
    const lines = ["executors: {A: x}"];
    const depthIndent = [0];
    for (let n = 0; n < 4 + rand(12); n++) {
      const level = rand(depthIndent.length + 1);
      const indent = level === 0 ? 0 : (depthIndent[level - 1] ?? 0) + pick(indents);
      depthIndent.length = level;
      depthIndent.push(indent);
      const pad = " ".repeat(indent);
      const r = rand(10);
      if (r < 6) lines.push(`${pad}${pick(keys)}: ${pick(scalars)}`.trimEnd());
      else if (r < 8) lines.push(`${pad}${pick(keys)}:`);
      else if (r < 9) lines.push(`${pad}- ${pick(scalars)}`.trimEnd());
      else lines.push(pick(["", `${pad}# comment`, `${pad}\tk: v`, "---"]));
    }
    return lines.join(pick(["\n", "\n", "\r\n"])) + pick(["\n", ""]);
  }

  /** Mostly well-formed documents (so most take the fast path), with a sprinkle of the odd pieces above. */
  function tameDoc(): string {
    const lines = ["executors:", "  A: org.example.A", "module.properties:"];
    const tame = ["v", "\"d q\"", "'s q'", "1.10", "yes", "a:b", "<t>/x", "x #c", "[x, \"y\"]", "{k: v}", "\"e\\\"s\""];
    for (let m = 0; m < 3 + rand(6); m++) {
      lines.push(`  ${pick(["M", "\"urn:lsid:a.org:ns:1:2\"", "N n", "O"])}${m}:`);
      for (let k = 0; k < 1 + rand(4); k++) {
        const r = rand(12);
        if (r === 0) lines.push(`    list${k}:`, `    - ${pick(tame)}`, `    - ${pick(tame)}`);
        else if (r === 1) lines.push(`    ${pick(keys)}: ${pick(scalars)}`.trimEnd());
        else if (r === 2) lines.push("", "    # comment");
        else lines.push(`    k${k}: ${pick(tame)}`);
      }
    }
    return lines.join(pick(["\n", "\r\n"])) + "\n";
  }

  it("agrees on 400 random documents", () => {
    let fastCount = 0;
    for (let i = 0; i < 400; i++) {
      const text = i % 2 === 0 ? randomDoc() : tameDoc();
      if (parseFastDetailed(text).doc) fastCount++;
      expect(snapshot(text, true), text).toBe(snapshot(text, false));
    }
    expect(fastCount).toBeGreaterThan(100);
  });
});
