"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Alert, Button } from "@/components/ui/form";
import { formatCount } from "@/components/ui/format";
import type { PlanQuery, PlanSummaryView } from "@/lib/sync/plan-view";
import { planActions, syncRecordTypes, type PlanAction, type SyncRecordType } from "@/lib/sync/types";
import { ACTION_LABELS, ACTION_STYLES, TYPE_LABELS } from "./labels";
import { PlanItemRow } from "./plan-item-row";
import { PlanTotals } from "./plan-totals";
import { planItemsQueryOptions } from "./queries";

type ActionFilter = PlanAction | "changes" | undefined;
const FILTERS: Array<{ value: ActionFilter; label: string }> = [
  { value: "changes", label: "What changes" },
  { value: undefined, label: "Everything" },
  ...planActions.map((a) => ({ value: a as ActionFilter, label: ACTION_LABELS[a] })),
];

/** Debounces a value typed into a search box. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/**
 * The plan, per company, down to each record's differences. Filtering, search and paging run
 * on the server (a large MSP's plan has ~80,000 records); the browser holds one page.
 */
export function PlanBrowser({ summary }: { summary: PlanSummaryView }) {
  const [action, setAction] = useState<ActionFilter>("changes");
  const [type, setType] = useState<SyncRecordType | undefined>(undefined);
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 250);
  // A new filter (or a new plan) starts at the first page.
  const filterKey = JSON.stringify([summary.planId, action, type, q]);
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;
  const setPage = (n: number) => setPaging({ filterKey, page: n });
  const query: PlanQuery = { action, type, q: q || undefined, page };
  const { data, isFetching, error } = useQuery(planItemsQueryOptions(summary.planId, query));

  return (
    <div className="space-y-3">
      <PlanTotals
        summary={summary}
        picked={{ type, action }}
        onPick={(t, a) => {
          setType(t);
          setAction(a ?? "changes");
        }}
      />
      <div className="flex flex-wrap items-end gap-3">
        <div role="group" aria-label="Show" className="flex flex-wrap gap-1">
          {FILTERS.map((f) => (
            <button
              key={f.label}
              type="button"
              aria-pressed={action === f.value}
              onClick={() => setAction(f.value)}
              className={`rounded-full border px-3 py-1 text-xs font-medium ${action === f.value ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {f.label}
            </button>
          ))}
        </div>
        <label className="text-xs text-slate-600">
          <span className="block">Type</span>
          <select className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" value={type ?? ""} onChange={(e) => setType((e.target.value || undefined) as SyncRecordType | undefined)}>
            <option value="">All types</option>
            {syncRecordTypes.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t].many}
              </option>
            ))}
          </select>
        </label>
        <label className="min-w-48 flex-1 text-xs text-slate-600">
          <span className="block">Search by name</span>
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="A company, site, contact or contract"
            className="w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          />
        </label>
      </div>

      {error ? <Alert tone="error">{error.message}</Alert> : null}
      {data ? (
        <>
          <p className="text-xs text-slate-600" aria-live="polite">
            {formatCount(data.total)} record{data.total === 1 ? "" : "s"}
            {isFetching ? " · loading…" : ""}
          </p>
          {data.groups.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">Nothing matches.</p>
          ) : (
            <div className="space-y-3" data-testid="plan-groups">
              {data.groups.map((group) => (
                <section key={group.key} className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm" aria-label={group.companyName}>
                  <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 bg-slate-50 px-3 py-1.5">
                    <h3 className="text-sm font-semibold">{group.companyName}</h3>
                    <div className="flex flex-wrap gap-1 text-xs">
                      {planActions
                        .filter((a) => group.counts[a] > 0)
                        .map((a) => (
                          <span key={a} className={`rounded px-1.5 py-0.5 ${ACTION_STYLES[a]}`}>
                            {formatCount(group.counts[a])} {ACTION_LABELS[a].toLowerCase()}
                          </span>
                        ))}
                    </div>
                  </header>
                  <ul className="divide-y divide-slate-100">
                    {group.items.map((item) => (
                      <PlanItemRow key={item.key} item={item} />
                    ))}
                  </ul>
                </section>
              ))}
            </div>
          )}
          {data.pages > 1 ? (
            <nav className="flex items-center justify-center gap-3" aria-label="Pages">
              <Button type="button" variant="secondary" disabled={data.page <= 1} onClick={() => setPage(data.page - 1)}>
                Previous
              </Button>
              <span className="text-sm text-slate-600">
                Page {formatCount(data.page)} of {formatCount(data.pages)}
              </span>
              <Button type="button" variant="secondary" disabled={data.page >= data.pages} onClick={() => setPage(data.page + 1)}>
                Next
              </Button>
            </nav>
          ) : null}
        </>
      ) : (
        <p className="text-sm text-slate-500">Loading the plan…</p>
      )}
    </div>
  );
}
