"use client";

import { formatCount } from "@/components/ui/format";
import type { PlanSummaryView } from "@/lib/sync/plan-view";
import { planActions, syncRecordTypes, type PlanAction, type SyncRecordType } from "@/lib/sync/types";
import { ACTION_LABELS, TYPE_LABELS } from "./labels";

/** Totals per type and action; a number filters the list below to those records. */
export function PlanTotals({
  summary,
  onPick,
  picked,
}: {
  summary: PlanSummaryView;
  onPick: (type: SyncRecordType | undefined, action: PlanAction | undefined) => void;
  picked: { type?: SyncRecordType; action?: string };
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-sm" aria-label="Totals per type and action">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Record
            </th>
            {planActions.map((a) => (
              <th key={a} scope="col" className="px-3 py-2 text-right font-medium">
                {ACTION_LABELS[a]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {syncRecordTypes.map((type) => (
            <tr key={type} className="border-t border-slate-100">
              <th scope="row" className="px-3 py-1.5 text-left font-medium">
                {TYPE_LABELS[type].many}
                {type !== "company" && summary.layouts[type] ? <span className="text-xs font-normal text-slate-500"> → {summary.layouts[type]!.name}</span> : null}
              </th>
              {planActions.map((action) => {
                const n = summary.totals[type][action];
                const active = picked.type === type && picked.action === action;
                return (
                  <td key={action} className="px-1 py-1 text-right tabular-nums">
                    {n > 0 ? (
                      <button
                        type="button"
                        aria-pressed={active}
                        aria-label={`${formatCount(n)} ${TYPE_LABELS[type].many.toLowerCase()}: ${ACTION_LABELS[action].toLowerCase()}`}
                        className={`rounded px-2 py-0.5 hover:bg-brand-50 ${active ? "bg-brand-600 text-white hover:bg-brand-700" : ""}`}
                        onClick={() => (active ? onPick(undefined, undefined) : onPick(type, action))}
                      >
                        {formatCount(n)}
                      </button>
                    ) : (
                      <span className="px-2 text-slate-500">0</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
