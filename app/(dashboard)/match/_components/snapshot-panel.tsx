"use client";

import { Alert, Button } from "@/components/ui/form";
import type { SnapshotRunView, SnapshotStatus } from "@/lib/decisions/types";
import { formatCount, formatDateTime } from "@/components/ui/format";
import { LiveRegion } from "@/components/ui/live-region";
import { ProgressBar } from "@/components/ui/progress-bar";
import { RelativeTime } from "@/components/ui/relative-time";

const PHASES: Record<string, { label: string; from: number; to: number }> = {
  starting: { label: "Connecting", from: 0, to: 2 },
  "halo-clients": { label: "Reading Halo clients", from: 2, to: 25 },
  "halo-sites": { label: "Reading Halo sites", from: 25, to: 45 },
  "halo-users": { label: "Reading Halo users", from: 45, to: 85 },
  "hudu-companies": { label: "Reading Hudu companies", from: 85, to: 97 },
  saving: { label: "Saving the snapshot", from: 97, to: 100 },
};

function phaseCounts(run: SnapshotRunView): { done: number; total: number | null } | null {
  switch (run.phase) {
    case "halo-clients":
      return { done: run.haloClients, total: run.haloClientsTotal };
    case "halo-sites":
      return { done: run.haloSites, total: run.haloSitesTotal };
    case "halo-users":
      return { done: run.haloUsers, total: run.haloUsersTotal };
    case "hudu-companies":
      return { done: run.huduCompanies, total: null };
    default:
      return null;
  }
}

function phaseOf(run: SnapshotRunView) {
  return PHASES[run.phase ?? "starting"] ?? PHASES.starting;
}

function Progress({ run }: { run: SnapshotRunView }) {
  const phase = phaseOf(run);
  const counts = phaseCounts(run);
  const fraction = counts?.total ? Math.min(1, counts.done / counts.total) : 0;
  const percent = Math.round(phase.from + (phase.to - phase.from) * fraction);
  const line = `${phase.label}${counts ? `: ${formatCount(counts.done)}${counts.total ? ` of ${formatCount(counts.total)}` : ""}` : "…"}`;
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{line}</span>
        <span className="text-xs text-slate-600">
          started <RelativeTime iso={run.startedAt} /> by {run.startedBy}
        </span>
      </div>
      <ProgressBar label="Snapshot refresh" value={percent} valueText={`${percent}%, ${line}`} />
      {run.message ? <p className="text-xs text-amber-800">{run.message}</p> : null}
    </div>
  );
}

/**
 * When the board's data was read, and the button to read it again. The board works from this
 * snapshot only: opening the page never calls Halo or Hudu.
 */
export function SnapshotPanel({
  status,
  canEdit,
  starting,
  onRefresh,
}: {
  status: SnapshotStatus | undefined;
  canEdit: boolean;
  starting: boolean;
  onRefresh: () => void;
}) {
  const latest = status?.latest ?? null;
  const current = status?.current ?? null;
  const running = latest?.status === "running";
  const failed = latest?.status === "failed" && (!current || latest.id > current.runId) ? latest : null;
  const currentWarnings = latest?.status === "succeeded" ? latest.warnings : [];

  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="text-sm" data-testid="snapshot-info">
          {current ? (
            <>
              <span className="font-medium">
                Snapshot taken <RelativeTime iso={current.takenAt} />
              </span>
              <span className="text-slate-600">
                {" "}
                ({formatDateTime(current.takenAt)}) · {formatCount(current.haloClients)} Halo clients ·{" "}
                {formatCount(current.huduCompanies)} Hudu companies
              </span>
            </>
          ) : (
            <span className="font-medium">No snapshot yet: read Halo and Hudu to start matching.</span>
          )}
        </div>
        <Button type="button" onClick={onRefresh} disabled={!canEdit || running || starting} variant={current ? "secondary" : "primary"}>
          {running || starting ? "Refreshing…" : current ? "Refresh from Halo and Hudu" : "Read Halo and Hudu"}
        </Button>
      </div>
      {running && latest ? <Progress run={latest} /> : null}
      {/* Each phase is announced once; the counts stay on the bar, read when reached. The outcome is the board's notice. */}
      <LiveRegion visuallyHidden>{running && latest ? phaseOf(latest).label : ""}</LiveRegion>
      {failed ? (
        <Alert tone="error">
          The refresh started {formatDateTime(failed.startedAt)} failed: {failed.error ?? "unknown error"}
          {current ? " The board still shows the previous snapshot." : ""}
        </Alert>
      ) : null}
      {currentWarnings.length > 0 ? (
        <details className="text-xs text-amber-900">
          <summary className="cursor-pointer">{formatCount(currentWarnings.length)} records could not be read and are missing from the snapshot</summary>
          <ul className="mt-1 list-disc pl-5">
            {currentWarnings.slice(0, 20).map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
