// Validate benchmark (issue 3 point 9): validateConfig on a generated 10,000-line config. Target: under 100 ms.
// Figures are printed, never asserted. Parsing and the rest of validation are timed separately to show where time goes.
import { parseConfigDetailed } from "../lib/config/parse";
import { validateConfig, validateParsed } from "../lib/config/validate";
import { generateConfig } from "./generate-config";

export type ValidateBenchResult = { lines: number; bytes: number; msPerRun: number; bestMs: number; cpuMs: number; parseMs: number; targetMs: number };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function benchValidate(options: { lines?: number; runs?: number; log?: (line: string) => void } = {}): ValidateBenchResult {
  const log = options.log ?? ((line: string) => console.log(line));
  const generated = generateConfig(options.lines ?? 10_000);
  const runs = options.runs ?? 15;
  // Warm-up lets the JIT settle, as in a long-running server.
  for (let i = 0; i < 3; i++) validateConfig(generated.text);
  const total: number[] = [];
  const cpu: number[] = [];
  const parse: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    const cpuStart = process.cpuUsage();
    const diagnostics = validateConfig(generated.text);
    total.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    if (diagnostics.some((d) => d.severity === "error")) throw new Error("the generated config should be valid");
    start = performance.now();
    const details = parseConfigDetailed(generated.text);
    parse.push(performance.now() - start);
    validateParsed(details);
  }
  const msPerRun = median(total);
  const bestMs = Math.min(...total);
  const parseMs = median(parse);
  // CPU time of this process: what the run costs when other work shares the 2 cores (wall time then inflates).
  const cpuMs = median(cpu);
  const targetMs = 100;
  log(
    `validate: ${generated.lines}-line config (${(generated.text.length / 1024).toFixed(0)} KiB): ${msPerRun.toFixed(1)} ms per run ` +
      `(median of ${runs}, best ${bestMs.toFixed(1)} ms, CPU ${cpuMs.toFixed(1)} ms; parse ${parseMs.toFixed(1)} ms of it), ` +
      `${(msPerRun / targetMs).toFixed(2)}x the ${targetMs} ms target (best ${(bestMs / targetMs).toFixed(2)}x)`,
  );
  return { lines: generated.lines, bytes: generated.text.length, msPerRun, bestMs, cpuMs, parseMs, targetMs };
}

if (import.meta.url === `file://${process.argv[1]}`) benchValidate();
