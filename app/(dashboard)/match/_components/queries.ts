import { queryOptions } from "@tanstack/react-query";
import { getJson } from "@/components/ui/get-json";
import type { BoardData, BoardDecision, DecisionChangeView, SnapshotStatus } from "@/lib/decisions/types";

/**
 * One queryOptions factory per resource, shared by the page's server prefetch (which swaps in a
 * direct database read as queryFn) and the board's hooks. Mutations invalidate by these keys.
 */
export const matchKeys = {
  all: ["match"] as const,
  board: () => [...matchKeys.all, "board"] as const,
  decisions: () => [...matchKeys.all, "decisions"] as const,
  snapshot: () => [...matchKeys.all, "snapshot"] as const,
};

/** Both sides and the suggestions: changes only with a new snapshot. */
export function boardQueryOptions() {
  return queryOptions({
    queryKey: matchKeys.board(),
    queryFn: () => getJson<BoardData>("/api/match/board"),
    staleTime: Infinity,
  });
}

export function decisionsQueryOptions() {
  return queryOptions({
    queryKey: matchKeys.decisions(),
    queryFn: async () => (await getJson<{ decisions: BoardDecision[] }>("/api/match/decisions")).decisions,
    staleTime: 30_000,
  });
}

/** One client's decision history; under the decisions key, so every decision change refetches it. */
export function decisionHistoryQueryOptions(haloClientId: number) {
  return queryOptions({
    queryKey: [...matchKeys.decisions(), "history", haloClientId] as const,
    queryFn: async () => (await getJson<{ changes: DecisionChangeView[] }>(`/api/match/decisions/${haloClientId}/history`)).changes,
    staleTime: 0,
  });
}

/** Polled every second while a refresh runs, so the progress bar moves. */
export function snapshotStatusQueryOptions() {
  return queryOptions({
    queryKey: matchKeys.snapshot(),
    queryFn: () => getJson<SnapshotStatus>("/api/match/snapshot"),
    refetchInterval: (query) => (query.state.data?.latest?.status === "running" ? 1000 : false),
  });
}
