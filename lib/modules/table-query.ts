// Filtering, sorting and paging of the modules table, over rows computed once per config (effective.ts).
import { z } from "zod";
import { compareVersions } from "../lsid";
import { MODULE_FLAGS, type EffectiveRow, type ModuleFlag } from "./effective";

export const moduleSortKeys = ["name", "version", "lsid", "executor", "executorProps", "image", "jobDefinition", "queue", "memoryMb", "cpu"] as const;
export type ModuleSortKey = (typeof moduleSortKeys)[number];
const flagNames = Object.keys(MODULE_FLAGS) as [ModuleFlag, ...ModuleFlag[]];

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const blankToUndefined = (v: unknown) => {
  const x = first(v);
  return x === "" || x === null ? undefined : x;
};

export const moduleTableQuerySchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
  flag: z.preprocess(blankToUndefined, z.enum(flagNames).optional().catch(undefined)),
  bundle: z.preprocess(blankToUndefined, z.string().max(200).optional()),
  sort: z.preprocess(blankToUndefined, z.enum(moduleSortKeys).default("name").catch("name")),
  dir: z.preprocess(blankToUndefined, z.enum(["asc", "desc"]).default("asc").catch("asc")),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).default(1).catch(1)),
  pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(10).max(500).default(50).catch(50)),
});
export type ModuleTableQuery = z.output<typeof moduleTableQuerySchema>;

export function parseModuleTableQuery(params: Record<string, string | string[] | undefined>): ModuleTableQuery {
  return moduleTableQuerySchema.parse(params);
}

// One collator for every comparison: String.localeCompare with options builds one per call (100x slower).
const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

function safeCompareVersions(a: string, b: string): number {
  if (a === b) return 0;
  try {
    return -compareVersions(a, b);
  } catch {
    return collator.compare(a, b);
  }
}

function compareBy(key: ModuleSortKey): (a: EffectiveRow, b: EffectiveRow) => number {
  if (key === "version") return (a, b) => collator.compare(a.name, b.name) || safeCompareVersions(a.version, b.version);
  if (key === "memoryMb") return (a, b) => (a.memoryMb ?? -1) - (b.memoryMb ?? -1);
  if (key === "cpu") return (a, b) => Number(a.cpu ?? -1) - Number(b.cpu ?? -1);
  return (a, b) => {
    const x = a[key] ?? "";
    const y = b[key] ?? "";
    // Empty values sort last in ascending order, where the eye looks for gaps.
    if (x === "" && y !== "") return 1;
    if (y === "" && x !== "") return -1;
    return collator.compare(String(x), String(y)) || safeCompareVersions(a.version, b.version);
  };
}

export type ModuleTablePage = {
  rows: EffectiveRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** Rows per flag over the whole catalog (not just the filtered rows), for the filter chips. */
  flagCounts: Record<ModuleFlag, number>;
};

export function queryModuleRows(all: EffectiveRow[], query: ModuleTableQuery): ModuleTablePage {
  const flagCounts = Object.fromEntries(flagNames.map((f) => [f, 0])) as Record<ModuleFlag, number>;
  for (const row of all) for (const f of row.flags) flagCounts[f]++;
  const needle = query.q?.toLowerCase();
  const filtered = all.filter((row) => {
    if (query.flag && !row.flags.includes(query.flag)) return false;
    if (query.bundle && row.executorProps !== query.bundle) return false;
    if (!needle) return true;
    return [row.name, row.lsid, row.version, row.jobDefinition, row.image, row.executorProps, row.queue, row.executor].some((v) => v?.toLowerCase().includes(needle));
  });
  const cmp = compareBy(query.sort);
  const sorted = filtered.sort(query.dir === "asc" ? cmp : (a, b) => cmp(b, a));
  const pageCount = Math.max(1, Math.ceil(sorted.length / query.pageSize));
  const page = Math.min(query.page, pageCount);
  return {
    rows: sorted.slice((page - 1) * query.pageSize, page * query.pageSize),
    total: sorted.length,
    page,
    pageSize: query.pageSize,
    pageCount,
    flagCounts,
  };
}
