"use client";

import { useQuery } from "@tanstack/react-query";
import { useDeferredValue, useMemo, useState } from "react";
import { Alert } from "@/components/ui/form";
import { formatCount } from "@/components/ui/format";
import type { FailedRecord } from "@/lib/sync/import-view";
import { failuresQueryOptions } from "../../_components/run-queries";

const TYPE_TEXT = { company: "Company", site: "Site", contact: "Contact", contract: "Contract" } as const;
const SHOWN = 500;

function matches(record: FailedRecord, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [record.name, record.companyName, record.message, TYPE_TEXT[record.type], String(record.haloId)].some((text) => text.toLowerCase().includes(q));
}

/** The records Hudu refused, each with its message and links to it in Halo and Hudu; searchable, and as CSV. */
export function FailuresTable({ runId, failed }: { runId: number; failed: number }) {
  const { data, error, isPending } = useQuery(failuresQueryOptions(runId, failed));
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query);
  const shown = useMemo(() => (data ?? []).filter((r) => matches(r, deferred)), [data, deferred]);

  return (
    <section className="space-y-2" aria-labelledby="failures-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="failures-heading" className="text-base font-semibold">
          Failed records ({formatCount(failed)})
        </h2>
        <div className="flex flex-wrap items-center gap-3">
          <input
            type="search"
            aria-label="Search failed records"
            placeholder="Search by name, company or message"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
          />
          <a href={`/api/import/runs/${runId}/failures.csv`} className="text-sm font-medium text-brand-700 underline" download>
            Download CSV
          </a>
        </div>
      </div>
      {error ? <Alert tone="error">Could not load the failed records: {error.message}</Alert> : null}
      {isPending ? <p className="text-sm text-slate-500">Loading…</p> : null}
      {data ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">Record</th>
                <th scope="col" className="px-3 py-2">Company</th>
                <th scope="col" className="px-3 py-2">What Hudu said</th>
                <th scope="col" className="px-3 py-2">Open in</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {shown.slice(0, SHOWN).map((record) => (
                <tr key={record.key} className="align-top">
                  <td className="px-3 py-2">
                    <span className="text-xs text-slate-500">{TYPE_TEXT[record.type]}</span>
                    <div className="font-medium">{record.name}</div>
                  </td>
                  <td className="px-3 py-2">{record.companyName}</td>
                  <td className="px-3 py-2 text-red-800">{record.message}</td>
                  <td className="space-x-2 whitespace-nowrap px-3 py-2">
                    {record.haloUrl ? (
                      <a href={record.haloUrl} target="_blank" rel="noreferrer" className="underline" aria-label={`${record.name} in Halo`}>
                        Halo
                      </a>
                    ) : null}
                    {record.huduCompanyUrl ? (
                      <a href={record.huduCompanyUrl} target="_blank" rel="noreferrer" className="underline" aria-label={`${record.companyName} in Hudu`}>
                        Hudu
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
              {shown.length === 0 ? (
                <tr>
                  <td colSpan={4} className="px-3 py-3 text-slate-500">
                    {data.length === 0 ? "No record failed." : `No failed record matches “${deferred}”.`}
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {shown.length > SHOWN ? <p className="px-3 py-2 text-xs text-slate-500">Showing {SHOWN} of {formatCount(shown.length)}: search to narrow it down, or download the CSV.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
