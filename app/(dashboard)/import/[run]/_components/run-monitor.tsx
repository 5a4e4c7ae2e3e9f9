"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { Alert, Button } from "@/components/ui/form";
import { LiveRegion } from "@/components/ui/live-region";
import { ProgressBar } from "@/components/ui/progress-bar";
import { formatCount, formatDateTime } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { PHASE_TEXT } from "@/lib/sync/import-progress";
import { formatDuration, OUTCOMES, type ImportRunStatus, type ImportRunView, type ImportTotals } from "@/lib/sync/import-view";
import type { SyncRecordType } from "@/lib/sync/types";
import { cancelImportAction, pauseImportAction, resumeImportAction } from "../../run-actions";
import { importRunQueryOptions, runKeys } from "../../_components/run-queries";
import { FailuresTable } from "./failures-table";
import { RateChart } from "./rate-chart";

const STATUS_TEXT: Record<ImportRunStatus, string> = {
  running: "Running",
  paused: "Paused",
  succeeded: "Finished",
  failed: "Stopped with an error",
  cancelled: "Cancelled",
};
const STATUS_TONE: Record<ImportRunStatus, string> = {
  running: "bg-brand-100 text-brand-700",
  paused: "bg-amber-100 text-amber-900",
  succeeded: "bg-green-100 text-green-800",
  failed: "bg-red-100 text-red-800",
  cancelled: "bg-slate-200 text-slate-700",
};
const TYPE_TITLES: Record<SyncRecordType, string> = { company: "Companies", site: "Sites", contact: "Contacts", contract: "Contracts" };
const OUTCOME_TEXT = { created: "Created", updated: "Updated", unchanged: "Unchanged", archived: "Archived", skipped: "Skipped", failed: "Failed" } as const;

const handled = (t: ImportTotals) => t.total - t.open;

/** A progress bar with its name and figures shown above it (the bar reads the same figures out). */
function LabelledBar({ label, totals, idle }: { label: string; totals: ImportTotals; idle: string }) {
  const detail = totals.total > 0 ? `${formatCount(handled(totals))} of ${formatCount(totals.total)}` : idle;
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-xs tabular-nums text-slate-600">{detail}</span>
      </div>
      <ProgressBar label={label} value={handled(totals)} max={Math.max(1, totals.total)} valueText={detail} />
    </div>
  );
}
const clock = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** What the run is doing in one sentence: the activity, or where it stands. */
function doing(view: ImportRunView): string {
  if (view.status === "paused") return "Paused. Resume to continue where it stopped.";
  if (view.status === "cancelled") return "Cancelled. What was done stays done.";
  if (view.status === "failed") return `Stopped: ${view.error ?? "unknown reason"}`;
  if (view.status === "succeeded") return view.totals.failed > 0 ? `Finished; ${plural(view.totals.failed, "record")} failed (listed below).` : "Finished: every record succeeded.";
  if (view.request === "pause") return "Pausing after the requests in flight…";
  if (view.request === "cancel") return "Cancelling after the requests in flight…";
  const activity = view.progress.activity ?? PHASE_TEXT[view.progress.phase];
  return activity.charAt(0).toUpperCase() + activity.slice(1);
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
}

/** The run page, kept live by polling the run's route handler every second while it runs. */
export function RunMonitor({ initial, canEdit }: { initial: ImportRunView; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const { data } = useQuery({ ...importRunQueryOptions(initial.id), initialData: initial });
  const view = data ?? initial;
  // Kept with the state it was said in: "Pausing…" goes once the run is paused.
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string; status: ImportRunStatus } | null>(null);
  const [pending, startTransition] = useTransition();
  const now = Date.parse(view.startedAt) + view.durationMs;

  const act = (action: typeof pauseImportAction) =>
    startTransition(async () => {
      const result = await action({ runId: view.id });
      const text = result.message ?? null;
      setMessage(text ? { tone: result.status === "ok" ? "info" : "error", text, status: view.status } : null);
      await queryClient.invalidateQueries({ queryKey: runKeys.run(view.id) });
      void queryClient.invalidateQueries({ queryKey: runKeys.status() });
    });

  const wait = view.status === "running" && view.progress.wait && Date.parse(view.progress.wait.until) > now ? view.progress.wait : null;
  const live = view.status === "running" || view.status === "paused";

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold">
            Import #{view.id}
            <span className={`rounded px-2 py-0.5 text-sm font-medium ${STATUS_TONE[view.status]}`}>{STATUS_TEXT[view.status]}</span>
          </h1>
          <p className="text-sm text-slate-600">
            Started by {view.startedBy === "schedule" ? "the schedule" : view.startedBy}, {formatDateTime(view.startedAt)} (<RelativeTime iso={view.startedAt} />) ·{" "}
            {live ? "running for" : "took"} {formatDuration(view.durationMs)}
            {view.etaMs !== null && view.etaMs > 0 ? ` · about ${formatDuration(view.etaMs)} left` : ""}
          </p>
        </div>
        {canEdit && live ? (
          <div className="flex gap-2">
            {view.status === "running" ? (
              <Button type="button" variant="secondary" disabled={pending || view.request !== null} onClick={() => act(pauseImportAction)}>
                Pause
              </Button>
            ) : (
              <Button type="button" disabled={pending} onClick={() => act(resumeImportAction)}>
                Resume
              </Button>
            )}
            <Button type="button" variant="danger" disabled={pending || view.request === "cancel"} onClick={() => act(cancelImportAction)}>
              Cancel
            </Button>
          </div>
        ) : null}
      </div>

      {message && message.status === view.status ? <Alert tone={message.tone}>{message.text}</Alert> : null}

      <div className="space-y-1 rounded-lg border border-slate-200 bg-white px-4 py-3">
        {/* Only state changes are announced; the counts below change every second. */}
        <LiveRegion className="text-sm font-medium">
          <span data-testid="run-state">
            {STATUS_TEXT[view.status]}
            {view.status === "running" ? ` · ${PHASE_TEXT[view.progress.phase]}` : ""}
          </span>
        </LiveRegion>
        <p className="text-sm text-slate-700" data-testid="run-activity">
          {doing(view)}
        </p>
        {wait ? (
          <p className="text-sm text-amber-800">
            Waiting for {wait.service === "halo" ? "Halo" : "Hudu"}&apos;s rate limit until <time dateTime={wait.until} suppressHydrationWarning>{clock(wait.until)}</time>
            {wait.reason === "rate_limited" ? " (it asked us to slow down)" : ""}.
          </p>
        ) : null}
      </div>

      <div className="space-y-3 rounded-lg border border-slate-200 bg-white px-4 py-3">
        <LabelledBar label="Overall" totals={view.totals} idle={PHASE_TEXT[view.progress.phase]} />
        <div className="grid gap-3 sm:grid-cols-2">
          {(Object.keys(TYPE_TITLES) as SyncRecordType[]).map((type) => (
            <LabelledBar key={type} label={TYPE_TITLES[type]} totals={view.byType[type]} idle="not planned yet" />
          ))}
        </div>
      </div>

      <dl className="grid grid-cols-3 gap-2 sm:grid-cols-6" aria-label="Counts">
        {OUTCOMES.map((outcome) => (
          <div key={outcome} className={`rounded-lg border bg-white px-3 py-2 ${outcome === "failed" && view.totals.failed > 0 ? "border-red-300" : "border-slate-200"}`}>
            <dt className="text-xs text-slate-500">{OUTCOME_TEXT[outcome]}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={`count-${outcome}`}>
              {formatCount(view.totals[outcome])}
            </dd>
          </div>
        ))}
      </dl>

      <div className="grid gap-3 md:grid-cols-2">
        <RateChart service="halo" progress={view.progress} current={view.ratePerMinute.halo} />
        <RateChart service="hudu" progress={view.progress} current={view.ratePerMinute.hudu} />
      </div>
      {view.status === "running" && view.remainingRequests > 0 ? (
        <p className="text-xs text-slate-500">
          {plural(view.remainingRequests, "Hudu request")} to go
          {view.etaMs !== null ? `, about ${formatDuration(view.etaMs)} at the rate Hudu allows` : ""}.
        </p>
      ) : null}

      {view.progress.warnings.length > 0 ? (
        <details className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          <summary className="cursor-pointer">{plural(view.progress.warnings.length, "warning")} from reading and planning</summary>
          <ul className="mt-1 list-disc pl-5">
            {view.progress.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}

      <FailuresTable runId={view.id} failed={view.totals.failed} />
    </div>
  );
}
