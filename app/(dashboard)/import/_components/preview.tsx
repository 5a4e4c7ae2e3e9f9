"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { formatCount } from "@/components/ui/format";
import { PlanBrowser } from "./plan-browser";
import { PreviewPanel } from "./preview-panel";
import { previewStatusQueryOptions } from "./queries";

/**
 * The preview: when it was read, what an import would do (totals, warnings, then every record),
 * and, in the slot the page passes, the control that starts the import.
 */
export function Preview({ canEdit, startSlot, matchersSlot }: { canEdit: boolean; startSlot: ReactNode; matchersSlot: ReactNode }) {
  const { data } = useQuery(previewStatusQueryOptions());
  const summary = data?.summary ?? null;
  return (
    <div className="space-y-4">
      <PreviewPanel canEdit={canEdit} />
      {summary ? (
        <>
          <div className="space-y-2 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
            <p className="text-sm">
              An import of this preview sends <span className="font-semibold">{formatCount(summary.writes)}</span> write{summary.writes === 1 ? "" : "s"} to
              Hudu (creates, updates and archives); everything else is left as it is.
            </p>
            {/* The import control (issue 11) renders here. */}
            <div data-testid="start-import-slot">{startSlot}</div>
          </div>
          {matchersSlot}
          {summary.warnings.length ? (
            <details className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
              <summary className="cursor-pointer font-medium">{formatCount(summary.warnings.length)} warnings</summary>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs">
                {summary.warnings.slice(0, 50).map((w, i) => (
                  <li key={i}>{w.message}</li>
                ))}
              </ul>
              {summary.warnings.length > 50 ? <p className="mt-1 text-xs">… and {formatCount(summary.warnings.length - 50)} more (the command line&apos;s `plan --json` lists them all).</p> : null}
            </details>
          ) : null}
          <PlanBrowser summary={summary} />
        </>
      ) : null}
    </div>
  );
}
