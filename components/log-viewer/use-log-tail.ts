"use client";
// Reads one log stream forward and keeps following it while the job runs (polling through React Query).
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { LogChunk, LogLine, LogStreamInfo } from "@/lib/logs/types";

export const logQueryKeys = {
  streams: (jobId: number | string) => ["job-logs", String(jobId), "streams"] as const,
  tail: (jobId: number | string, stream: string) => ["job-logs", String(jobId), "tail", stream] as const,
};

export function logsUrl(jobId: number | string, params: Record<string, string> = {}) {
  const query = new URLSearchParams(params).toString();
  return `/api/jobs/${encodeURIComponent(String(jobId))}/logs${query ? `?${query}` : ""}`;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store" });
  if (!res.ok) throw new Error((await res.text()) || `HTTP ${res.status}`);
  return (await res.json()) as T;
}

export function useLogStreams(jobId: number | string, running: boolean) {
  return useQuery({
    queryKey: logQueryKeys.streams(jobId),
    queryFn: () => getJson<{ streams: LogStreamInfo[] }>(logsUrl(jobId)),
    refetchInterval: running ? 2000 : false,
  });
}

/** Lines accumulate in a ref (200,000 lines must not be copied on every poll); `version` re-renders. */
export function useLogTail(jobId: number | string, stream: string | undefined, follow: boolean) {
  const lines = useRef<LogLine[]>([]);
  const cursor = useRef<string | undefined>(undefined);
  const [state, setState] = useState({ version: 0, complete: false, notice: undefined as string | undefined });

  useEffect(() => {
    lines.current = [];
    cursor.current = undefined;
    setState({ version: 0, complete: false, notice: undefined });
  }, [jobId, stream]);

  const query = useQuery({
    queryKey: logQueryKeys.tail(jobId, stream ?? ""),
    enabled: Boolean(stream),
    queryFn: async () => {
      // Drain what is there now, in chunks, then let the interval pick up what comes next.
      for (let i = 0; i < 100; i++) {
        const params: Record<string, string> = { stream: stream! };
        if (cursor.current !== undefined) params.cursor = cursor.current;
        const chunk = await getJson<LogChunk>(logsUrl(jobId, params));
        const moved = chunk.cursor !== cursor.current;
        if (chunk.lines.length) lines.current.push(...chunk.lines);
        cursor.current = chunk.cursor;
        setState((s) => ({ version: s.version + 1, complete: chunk.complete, notice: chunk.notice }));
        if (chunk.complete || !moved || chunk.lines.length === 0) return chunk.cursor;
      }
      return cursor.current ?? "";
    },
    refetchInterval: () => (follow && !state.complete ? 1000 : false),
    refetchIntervalInBackground: true,
  });

  // When following stops (the job settled, or the user turned follow off) read once more: the last lines may have
  // been written after the previous poll.
  const { refetch } = query;
  const wasFollowing = useRef(follow);
  useEffect(() => {
    if (wasFollowing.current && !follow && stream) void refetch();
    wasFollowing.current = follow;
  }, [follow, stream, refetch]);

  return { lines: lines.current, version: state.version, complete: state.complete, notice: state.notice, error: query.error as Error | null, isLoading: query.isLoading };
}
