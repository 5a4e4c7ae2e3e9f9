"use client";

import { useQuery } from "@tanstack/react-query";
import { DecisionChangeText, describeSource } from "@/components/ui/decision-change";
import { RelativeTime } from "@/components/ui/relative-time";
import { decisionHistoryQueryOptions } from "./queries";

/** Every change of one client's decision, newest first (who, when, from → to). */
export function DecisionHistory({ haloClientId }: { haloClientId: number }) {
  const { data, error, isPending } = useQuery(decisionHistoryQueryOptions(haloClientId));
  return (
    <section className="space-y-1.5" aria-labelledby={`decision-history-${haloClientId}`}>
      <h3 id={`decision-history-${haloClientId}`} className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Decision history
      </h3>
      {isPending ? (
        <p className="text-xs text-slate-500">Loading…</p>
      ) : error ? (
        <p className="text-xs text-red-800">Could not load the history: {error.message}</p>
      ) : data.length === 0 ? (
        <p className="text-xs text-slate-500">No decision yet.</p>
      ) : (
        <ol className="max-h-40 space-y-1 overflow-y-auto text-xs" aria-label="Decision changes">
          {data.map((change) => (
            <li key={change.id} className="flex flex-wrap gap-x-1.5">
              <DecisionChangeText change={change} />
              <span className="text-slate-500">
                by {change.changedBy} {describeSource(change.source)}, <RelativeTime iso={change.changedAt} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
