import type { Db } from "@/db";
import { countImportItems, countImportOutcomesByRun, listFailedImportItems } from "@/db/queries/import-items";
import { getJobRun, listJobRuns } from "@/db/queries/job-runs";
import { getSnapshotHuduCompany } from "@/db/queries/snapshots";
import type { ImportItemRow, JobRun } from "@/db/schema";
import { safeJson } from "@/lib/jobs/progress";
import { loadConnectionSettings } from "@/lib/settings/connection-settings";
import { currentPerMinute, parseImportProgress, ratePoints } from "./import-progress";
import { emptyImportTotals, estimateTimeLeft, type FailedRecord, type ImportRunSummary, type ImportRunView, type ImportTotals } from "./import-view";
import { haloRecordUrl, haloWebBase, huduCompanyUrl } from "./record-links";
import { syncRecordTypes, type SyncRecordType } from "./types";

/** Import runs read back for the run page, the history and the CLI. */

function add(totals: ImportTotals, outcome: string | null, n: number): void {
  totals.total += n;
  if (outcome === null) totals.open += n;
  else if (outcome in totals) totals[outcome as keyof ImportTotals] += n;
}

function summary(run: JobRun, totals: ImportTotals, now: number): ImportRunSummary {
  return {
    id: run.id,
    status: run.status,
    startedBy: run.startedBy,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: (run.finishedAt?.getTime() ?? (run.status === "paused" ? run.heartbeatAt.getTime() : now)) - run.startedAt.getTime(),
    error: run.error,
    totals,
  };
}

/** The newest import runs, newest first, with their totals. */
export function listImportRunSummaries({ db, limit = 200, now = Date.now() }: { db: Db; limit?: number; now?: number }): ImportRunSummary[] {
  const runs = listJobRuns({ db, kind: "import", limit });
  const totals = new Map(runs.map((r) => [r.id, emptyImportTotals()]));
  for (const row of countImportOutcomesByRun({ db, runIds: runs.map((r) => r.id) })) add(totals.get(row.runId)!, row.outcome, row.n);
  return runs.map((run) => summary(run, totals.get(run.id)!, now));
}

/** One import run with everything its page shows. */
export function getImportRunView({ db, id, now = Date.now() }: { db: Db; id: number; now?: number }): ImportRunView | undefined {
  const run = getJobRun({ db, id });
  if (!run || run.kind !== "import") return undefined;
  const totals = emptyImportTotals();
  const byType = Object.fromEntries(syncRecordTypes.map((t) => [t, emptyImportTotals()])) as Record<SyncRecordType, ImportTotals>;
  let remainingRequests = 0;
  for (const row of countImportItems({ db, runId: id })) {
    add(totals, row.outcome, row.n);
    add(byType[row.type], row.outcome, row.n);
    if (row.outcome === null && (row.action === "create" || row.action === "update" || row.action === "archive")) remainingRequests += row.n;
  }
  const progress = parseImportProgress(safeJson(run.progressJson));
  const running = run.status === "running";
  const ratePerMinute = running
    ? {
        halo: currentPerMinute(ratePoints(progress.buckets, "halo", progress.limits.halo)),
        hudu: currentPerMinute(ratePoints(progress.buckets, "hudu", progress.limits.hudu)),
      }
    : { halo: 0, hudu: 0 };
  const executing = progress.phase === "company" || progress.phase === "site" || progress.phase === "contact-contract";
  return {
    ...summary(run, totals, now),
    request: run.request,
    progress,
    byType,
    remainingRequests,
    ratePerMinute,
    etaMs: running && executing ? estimateTimeLeft({ remaining: remainingRequests, observedPerMinute: ratePerMinute.hudu, limit: progress.limits.hudu }) : null,
  };
}

/** A run's failed records, with links to them in Halo and Hudu (the run page and its CSV). */
export function listFailedRecords({ db, runId }: { db: Db; runId: number }): FailedRecord[] {
  const settings = loadConnectionSettings({ db });
  const haloResource = settings.overrides.haloResourceUrl?.shown ?? settings.haloResourceUrl;
  const huduBase = settings.overrides.huduUrl?.shown ?? settings.huduUrl;
  const haloBase = haloResource ? haloWebBase(haloResource) : null;
  return listFailedImportItems({ db, runId }).map((row) => toFailedRecord(db, row, haloBase, huduBase));
}

function toFailedRecord(db: Db, row: ImportItemRow, haloBase: string | null, huduBase: string | null): FailedRecord {
  const company = row.huduCompanyId === null ? undefined : getSnapshotHuduCompany({ db, id: row.huduCompanyId });
  return {
    key: row.key,
    type: row.type,
    name: row.name,
    companyName: row.companyName,
    haloId: row.haloId,
    haloClientId: row.haloClientId,
    huduCompanyId: row.huduCompanyId,
    message: row.message ?? "Failed without a message.",
    haloUrl: haloBase ? haloRecordUrl(haloBase, row) : null,
    huduCompanyUrl: huduBase && row.huduCompanyId !== null ? huduCompanyUrl(huduBase, { id: row.huduCompanyId, url: company?.url }) : null,
  };
}
