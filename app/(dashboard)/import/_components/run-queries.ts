import { queryOptions } from "@tanstack/react-query";
import { getJson } from "@/components/ui/get-json";
import type { ImportStartStatus } from "@/lib/sync/import-status";
import type { FailedRecord, ImportRunView } from "@/lib/sync/import-view";

/**
 * Query factories for import runs (the Start import control and the run page). A run's view is
 * polled every second while it runs, so the page follows it live; once it has ended, it is not.
 */
export const runKeys = {
  all: ["import-runs"] as const,
  status: () => [...runKeys.all, "status"] as const,
  run: (id: number) => [...runKeys.all, "run", id] as const,
  failures: (id: number) => [...runKeys.all, "failures", id] as const,
};

export function importStartStatusQueryOptions() {
  return queryOptions({
    queryKey: runKeys.status(),
    queryFn: () => getJson<ImportStartStatus>("/api/import/status"),
    refetchInterval: 5_000,
  });
}

const LIVE = new Set(["running"]);

export function importRunQueryOptions(id: number) {
  return queryOptions({
    queryKey: runKeys.run(id),
    queryFn: () => getJson<ImportRunView>(`/api/import/runs/${id}`),
    refetchInterval: (query) => (query.state.data && !LIVE.has(query.state.data.status) && !query.state.data.request ? false : 1_000),
    staleTime: 0,
  });
}

export function failuresQueryOptions(id: number, failed: number) {
  return queryOptions({
    // The count is part of the key: a new failure refetches the list, nothing else does.
    queryKey: [...runKeys.failures(id), failed] as const,
    queryFn: async () => (await getJson<{ failures: FailedRecord[] }>(`/api/import/runs/${id}/failures`)).failures,
    staleTime: Infinity,
  });
}
