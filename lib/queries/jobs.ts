// React Query keys and fetchers for test jobs.
import { queryOptions } from "@tanstack/react-query";
import type { JobStatus } from "@/lib/executors/job-queries";

export type LiveJobStatus = JobStatus & { refreshError: string | null };

export const jobKeys = {
  all: ["jobs"] as const,
  status: (id: number) => ["jobs", id, "status"] as const,
};

export function jobStatusQuery(id: number, initial?: LiveJobStatus) {
  return queryOptions({
    queryKey: jobKeys.status(id),
    queryFn: async (): Promise<LiveJobStatus> => {
      const res = await fetch(`/jobs/${id}/status`, { cache: "no-store" });
      if (!res.ok) throw new Error((await res.text()) || `HTTP ${res.status}`);
      return (await res.json()) as LiveJobStatus;
    },
    initialData: initial,
    // Poll while anything can still change; stop once the job is settled.
    refetchInterval: (q) => (q.state.data?.settled ? false : 1000),
    staleTime: 0,
  });
}
