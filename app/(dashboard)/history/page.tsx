import Link from "next/link";
import { getDb } from "@/db";
import { DecisionChangeText, describeSource } from "@/components/ui/decision-change";
import { formatCount } from "@/components/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import { requireUser } from "@/lib/auth/session";
import { listDecisionHistory } from "@/lib/decisions/history";
import { listImportRunSummaries } from "@/lib/sync/import-report";
import { getScheduleView } from "@/lib/sync/import-schedule";
import { formatDuration, OUTCOMES, type ImportRunStatus } from "@/lib/sync/import-view";
import { ScheduleForm } from "./_components/schedule-form";

export const metadata = { title: "History" };
export const dynamic = "force-dynamic";

const RUNS_SHOWN = 100;
/** Decision changes come in hundreds after a bulk accept: the newest few, or more on request. */
const CHANGES_SHOWN = 50;
const CHANGES_SHOWN_ALL = 1000;

const STATUS_TEXT: Record<ImportRunStatus, string> = {
  running: "Running",
  paused: "Paused",
  succeeded: "Finished",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** Every import run (who, when, how long, what it did, its report) and every change of a match decision. */
export default async function HistoryPage({ searchParams }: { searchParams: Promise<{ decisions?: string }> }) {
  const me = await requireUser();
  const db = getDb();
  const all = (await searchParams).decisions === "all";
  const shown = all ? CHANGES_SHOWN_ALL : CHANGES_SHOWN;
  const runs = listImportRunSummaries({ db, limit: RUNS_SHOWN });
  const changes = listDecisionHistory({ db, limit: shown + 1 });
  const more = changes.length > shown;
  const schedule = getScheduleView({ db });

  return (
    <section className="space-y-6">
      <h1 className="text-xl font-semibold">History</h1>
      <ScheduleForm schedule={schedule} canEdit={me.role === "admin"} />

      <section className="space-y-2" aria-labelledby="runs-heading">
        <h2 id="runs-heading" className="text-base font-semibold">
          Import runs
        </h2>
        {runs.length === 0 ? (
          <p className="text-sm text-slate-600">
            No import has run yet. Start one from the{" "}
            <Link href="/import" className="underline">
              preview
            </Link>
            .
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" aria-label="Import runs">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2">Run</th>
                  <th scope="col" className="px-3 py-2">Started</th>
                  <th scope="col" className="px-3 py-2">By</th>
                  <th scope="col" className="px-3 py-2">Took</th>
                  <th scope="col" className="px-3 py-2">Status</th>
                  {OUTCOMES.map((o) => (
                    <th key={o} scope="col" className="px-2 py-2 text-right">
                      {o}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {runs.map((run) => (
                  <tr key={run.id} className="align-top">
                    <td className="px-3 py-2">
                      <Link href={`/import/${run.id}`} className="font-medium underline" aria-label={`Report of import #${run.id}`}>
                        #{run.id}
                      </Link>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">
                      <LocalTime date={run.startedAt} />
                    </td>
                    <td className="px-3 py-2">{run.startedBy === "schedule" ? "Schedule" : run.startedBy}</td>
                    <td className="whitespace-nowrap px-3 py-2">{formatDuration(run.durationMs)}</td>
                    <td className="px-3 py-2">
                      {STATUS_TEXT[run.status]}
                      {run.error ? <div className="max-w-xs text-xs text-slate-500">{run.error}</div> : null}
                    </td>
                    {OUTCOMES.map((o) => (
                      <td key={o} className={`px-2 py-2 text-right tabular-nums ${o === "failed" && run.totals.failed > 0 ? "font-semibold text-red-700" : ""}`}>
                        {formatCount(run.totals[o])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="space-y-2" aria-labelledby="decisions-heading">
        <h2 id="decisions-heading" className="text-base font-semibold">
          Match decisions
        </h2>
        {changes.length === 0 ? (
          <p className="text-sm text-slate-600">No decision has been made yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" aria-label="Match decision changes">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2">When</th>
                  <th scope="col" className="px-3 py-2">Halo client</th>
                  <th scope="col" className="px-3 py-2">Change</th>
                  <th scope="col" className="px-3 py-2">By</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {changes.slice(0, shown).map((change) => (
                  <tr key={change.id} className="align-top">
                    <td className="whitespace-nowrap px-3 py-2">
                      <LocalTime date={change.changedAt} />
                    </td>
                    <td className="px-3 py-2">{change.haloClientName ?? `Halo client ${change.haloClientId}`}</td>
                    <td className="px-3 py-2">
                      <DecisionChangeText change={change} />
                    </td>
                    <td className="px-3 py-2">
                      {change.changedBy} <span className="text-xs text-slate-500">{describeSource(change.source)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {more ? (
              <p className="px-3 py-2 text-xs text-slate-500">
                The newest {shown} changes.{" "}
                {all ? null : (
                  <Link href="/history?decisions=all" className="underline">
                    Show the newest {CHANGES_SHOWN_ALL}
                  </Link>
                )}
              </p>
            ) : null}
          </div>
        )}
      </section>
    </section>
  );
}
