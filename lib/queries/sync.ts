// React Query keys and options for sync runs; live updates arrive over server-sent events (useLiveSyncRun).
import { queryOptions } from "@tanstack/react-query";
import type { SyncRunView } from "@/lib/storage/sync/sync-runs";

export const syncKeys = {
  all: ["sync-runs"] as const,
  run: (id: number) => ["sync-runs", id] as const,
};

export function syncRunQuery(id: number, initial?: SyncRunView) {
  return queryOptions({
    queryKey: syncKeys.run(id),
    queryFn: async (): Promise<SyncRunView> => {
      const res = await fetch(`/api/sync/${id}`, { cache: "no-store" });
      if (!res.ok) throw new Error((await res.text()) || `HTTP ${res.status}`);
      return (await res.json()) as SyncRunView;
    },
    initialData: initial,
    staleTime: Infinity,
  });
}
