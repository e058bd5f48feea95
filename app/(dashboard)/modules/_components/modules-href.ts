// Links of the modules table (sort, filter, page) and flag labels: plain code for server and client components.
import type { ModuleFlag } from "@/lib/modules/effective";
import type { ModuleTableQuery } from "@/lib/modules/table-query";

export const flagLabels: Record<ModuleFlag, string> = {
  "no-job-definition": "No job definition",
  "unknown-job-definition": "Job definition not registered",
  "unknown-bundle": "Unknown runtime environment",
  "mutable-image": "Mutable image tag",
  "unknown-token": "Unknown token in commandLine",
  unmapped: "Unmapped",
};

export function modulesHref(query: ModuleTableQuery, change: Partial<ModuleTableQuery>): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.flag) params.set("flag", next.flag);
  if (next.bundle) params.set("bundle", next.bundle);
  if (next.sort !== "name") params.set("sort", next.sort);
  if (next.dir !== "asc") params.set("dir", next.dir);
  if (next.page > 1) params.set("page", String(next.page));
  if (next.pageSize !== 50) params.set("pageSize", String(next.pageSize));
  const s = params.toString();
  return s ? `/modules?${s}` : "/modules";
}
