// Resolve benchmark (issue 3 point 9): resolveAll for 10,000 module contexts against a generated 5,000-line config.
// Target: under 50 µs per full resolution. Figures are printed, never asserted.
import { parseConfig } from "../lib/config/parse";
import { resolveAll, type ResolveContext } from "../lib/config/resolve";
import { generateConfig } from "./generate-config";

export type ResolveBenchResult = { lines: number; contexts: number; properties: number; usPerResolution: number; targetUs: number };

export function benchResolve(options: { lines?: number; contexts?: number; log?: (line: string) => void } = {}): ResolveBenchResult {
  const log = options.log ?? ((line: string) => console.log(line));
  const generated = generateConfig(options.lines ?? 5000);
  const cfg = parseConfig(generated.text, { fileName: "bench.yaml" });
  const count = options.contexts ?? 10_000;
  const groupSets = [["*"], ["*", "admins"], ["*", "broad", "ccle"], []];
  const contexts: ResolveContext[] = Array.from({ length: count }, (_, i) => {
    const module = generated.modules[i % generated.modules.length];
    const user = generated.users[i % generated.users.length];
    return { userId: i % 7 === 0 ? undefined : user, groups: groupSets[i % groupSets.length], moduleName: module.name, lsid: module.lsid };
  });
  // Warm-up builds the per-config index once (as a long-running server would) and lets the JIT settle.
  for (let i = 0; i < Math.min(2000, count); i++) resolveAll(cfg, contexts[i]);
  // Several rounds, because other work on a shared 2-core machine inflates single runs; median and best are printed.
  const rounds: number[] = [];
  let properties = 0;
  for (let round = 0; round < 5; round++) {
    properties = 0;
    const start = process.hrtime.bigint();
    for (const ctx of contexts) properties += resolveAll(cfg, ctx).size;
    rounds.push(Number(process.hrtime.bigint() - start) / 1000 / count);
  }
  rounds.sort((a, b) => a - b);
  const usPerResolution = rounds[Math.floor(rounds.length / 2)];
  const targetUs = 50;
  log(
    `resolve: ${count} module contexts x resolveAll on a ${generated.lines}-line config: ${usPerResolution.toFixed(2)} µs per resolution ` +
      `(median of ${rounds.length} rounds, best ${rounds[0].toFixed(2)} µs; ${(properties / count).toFixed(1)} properties each), ` +
      `${(usPerResolution / targetUs).toFixed(2)}x the ${targetUs} µs target`,
  );
  return { lines: generated.lines, contexts: count, properties: properties / count, usPerResolution, targetUs };
}

if (import.meta.url === `file://${process.argv[1]}`) benchResolve();
