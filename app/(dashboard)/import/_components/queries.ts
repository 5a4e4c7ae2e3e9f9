import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import { getJson } from "@/components/ui/get-json";
import type { PreviewStatus } from "@/lib/sync/preview";
import type { PlanPageView, PlanQuery } from "@/lib/sync/plan-view";

/** One queryOptions factory per resource (the page's server prefetch fills the same keys). */
export const previewKeys = {
  all: ["preview"] as const,
  status: () => [...previewKeys.all, "status"] as const,
  items: (planId: number | null, query: PlanQuery) => [...previewKeys.all, "items", planId, query] as const,
};

/** Polled every second while a preview is being prepared. */
export function previewStatusQueryOptions() {
  return queryOptions({
    queryKey: previewKeys.status(),
    queryFn: () => getJson<PreviewStatus>("/api/import/plan"),
    refetchInterval: (query) => (query.state.data?.run?.status === "running" ? 1000 : false),
  });
}

export function planItemsQueryOptions(planId: number | null, query: PlanQuery) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, String(v));
  return queryOptions({
    queryKey: previewKeys.items(planId, query),
    queryFn: () => getJson<PlanPageView & { planId: number }>(`/api/import/plan/items?${params}`),
    enabled: planId !== null,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}
