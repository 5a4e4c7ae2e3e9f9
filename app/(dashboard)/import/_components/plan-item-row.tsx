"use client";

import type { PlanItemView } from "@/lib/sync/plan-view";
import { ACTION_LABELS, ACTION_STYLES, TYPE_LABELS } from "./labels";

const FOUND_BY: Record<string, string> = {
  link: "found through our link",
  stamp: "found by the Halo id stored in Hudu",
  match: "matched on the board",
  name: "Hudu already has a company of this name",
};

function Value({ value }: { value: string | null }) {
  return value === null ? <span className="italic text-slate-500">empty</span> : <span className="break-words">{value}</span>;
}

/** One record: what happens to it, and (opened) its field-by-field difference, old → new. */
export function PlanItemRow({ item }: { item: PlanItemView }) {
  const badge = (
    <span className={`inline-block w-20 shrink-0 rounded px-1.5 py-0.5 text-center text-xs font-medium ${ACTION_STYLES[item.action]}`}>{ACTION_LABELS[item.action]}</span>
  );
  const head = (
    <>
      {badge}
      <span className="w-16 shrink-0 text-xs text-slate-500">{TYPE_LABELS[item.type].one}</span>
      <span className="min-w-0 flex-1 truncate font-medium" title={item.name}>
        {item.name}
      </span>
      <span className="shrink-0 text-xs text-slate-500">
        {item.skipReason ?? (item.changes.length ? `${item.changes.length} field${item.changes.length === 1 ? "" : "s"}` : item.foundBy ? FOUND_BY[item.foundBy] : "")}
      </span>
    </>
  );
  if (item.changes.length === 0) {
    return (
      <li className="flex items-center gap-3 px-3 py-1.5 text-sm" data-testid="plan-item">
        <span className="w-4 shrink-0" aria-hidden />
        {head}
      </li>
    );
  }
  return (
    <li className="text-sm" data-testid="plan-item">
      <details className="group">
        <summary className="flex cursor-pointer list-none items-center gap-3 px-3 py-1.5 hover:bg-slate-50">
          <span className="w-4 shrink-0 text-slate-400 transition-transform group-open:rotate-90" aria-hidden>
            ▸
          </span>
          {head}
        </summary>
        <div className="px-10 pb-3 pt-1">
          {item.foundBy ? <p className="mb-1 text-xs text-slate-500">Hudu record {item.huduId}, {FOUND_BY[item.foundBy]}.</p> : null}
          <table className="w-full table-fixed text-xs" aria-label={`Changes to ${item.name}`}>
            <thead className="text-left text-slate-500">
              <tr>
                <th scope="col" className="w-1/4 py-0.5 font-medium">
                  Field
                </th>
                <th scope="col" className="py-0.5 font-medium">
                  In Hudu now
                </th>
                <th scope="col" className="py-0.5 font-medium">
                  After the import
                </th>
              </tr>
            </thead>
            <tbody>
              {item.changes.map((c) => (
                <tr key={c.key} className="border-t border-slate-100 align-top">
                  <th scope="row" className="py-1 pr-2 text-left font-medium">
                    {c.label}
                  </th>
                  <td className="py-1 pr-2 text-slate-600">
                    <Value value={c.old} />
                  </td>
                  <td className="py-1">
                    <Value value={c.new} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </li>
  );
}
