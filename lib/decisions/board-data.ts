import type { Db } from "@/db";
import { listDecisions } from "@/db/queries/match-decisions";
import {
  getCurrentSnapshotRun,
  getLatestSnapshotRun,
  listSnapshotHaloClients,
  listSnapshotHuduCompanies,
  parseJsonArray,
} from "@/db/queries/snapshots";
import type { JobRun, MatchDecision, SnapshotHaloClient, SnapshotHuduCompany } from "@/db/schema";
import { safeJson } from "@/lib/jobs/progress";
import { parseSnapshotProgress } from "@/lib/snapshot/progress";
import { matchCompanies } from "@/lib/match";
import type {
  BoardData,
  BoardDecision,
  BoardHaloClient,
  BoardHuduCompany,
  BoardSnapshotInfo,
  BoardSuggestion,
  SnapshotRunView,
  SnapshotStatus,
} from "./types";

/**
 * Reads the board's data from the database (never from Halo or Hudu) and runs the matching
 * engine over the snapshot. Suggestions depend only on the snapshot, so they are computed once
 * per snapshot run and cached for the process; decisions are applied on top by buildBoardView.
 */

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
/** Alphabetical by the words people read: "<b>Acme</b>" and "🚀 Acme" sort under A, not first. */
export function boardSortKey(name: string): string {
  return name.replace(/<[^>]*>/g, "").replace(/^[^\p{L}\p{N}]+/u, "");
}
const nameOrder = { compare: (a: string, b: string) => collator.compare(boardSortKey(a), boardSortKey(b)) || collator.compare(a, b) };

export function toBoardHaloClient(row: SnapshotHaloClient): BoardHaloClient {
  return {
    id: row.id,
    name: row.name,
    website: row.website,
    phone: row.phone,
    emailDomains: parseJsonArray<string>(row.emailDomainsJson),
    siteCount: row.siteCount,
    userCount: row.userCount,
    inactive: row.inactive,
  };
}

export function toBoardHuduCompany(row: SnapshotHuduCompany): BoardHuduCompany {
  return {
    id: row.id,
    name: row.name,
    nickname: row.nickname,
    website: row.website,
    phone: row.phone,
    idNumber: row.idNumber,
    integrations: parseJsonArray<{ integratorName: string; syncId: string | number | null }>(row.integrationsJson),
    archived: row.archived,
    url: row.url,
  };
}

export function toBoardDecision(d: MatchDecision): BoardDecision {
  return {
    haloClientId: d.haloClientId,
    kind: d.kind,
    huduCompanyId: d.huduCompanyId,
    haloClientName: d.haloClientName,
    huduCompanyName: d.huduCompanyName,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt.toISOString(),
    source: d.source,
  };
}

export function toSnapshotInfo(run: JobRun): BoardSnapshotInfo {
  const progress = parseSnapshotProgress(safeJson(run.progressJson));
  return {
    runId: run.id,
    takenAt: (run.finishedAt ?? run.startedAt).toISOString(),
    haloClients: progress.haloClients,
    huduCompanies: progress.huduCompanies,
  };
}

export function toRunView(run: JobRun): SnapshotRunView {
  const progress = parseSnapshotProgress(safeJson(run.progressJson));
  return {
    id: run.id,
    // A refresh cannot pause; one cancelled is, for the board, one that did not succeed.
    status: run.status === "running" || run.status === "succeeded" ? run.status : "failed",
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    startedBy: run.startedBy,
    phase: progress.phase,
    haloClients: progress.haloClients,
    haloClientsTotal: progress.haloClientsTotal,
    haloSites: progress.haloSites,
    haloSitesTotal: progress.haloSitesTotal,
    haloUsers: progress.haloUsers,
    haloUsersTotal: progress.haloUsersTotal,
    huduCompanies: progress.huduCompanies,
    message: progress.message,
    warnings: progress.warnings,
    error: run.error,
  };
}

export function getSnapshotStatus({ db }: { db: Db }): SnapshotStatus {
  const latest = getLatestSnapshotRun({ db });
  const current = getCurrentSnapshotRun({ db });
  return { latest: latest ? toRunView(latest) : null, current: current ? toSnapshotInfo(current) : null };
}

export function listBoardDecisions({ db }: { db: Db }): BoardDecision[] {
  return listDecisions({ db }).map(toBoardDecision);
}

/** Engine output for the newest snapshot, per database (tests open several), keyed by run id. */
const globalForBoard = globalThis as unknown as { __matchBoardCacheByDb?: WeakMap<Db, { runId: number; data: BoardData }> };
const boardCache = (globalForBoard.__matchBoardCacheByDb ??= new WeakMap());

/**
 * Runs the matching engine for a new snapshot ahead of the first board request (a hook of the
 * refresh run, lib/jobs/kinds.ts). Only a warm-up: the board computes it itself if this fails.
 */
export function warmBoardData({ db }: { db: Db }): void {
  loadBoardData({ db });
}

/** The snapshot and its suggestions. Cheap after the first call per snapshot. */
export function loadBoardData({ db }: { db: Db }): BoardData {
  const run = getCurrentSnapshotRun({ db });
  if (!run) return { snapshot: null, halo: [], hudu: [], suggestions: [] };
  const cached = boardCache.get(db);
  if (cached && cached.runId === run.id) return cached.data;

  const halo = listSnapshotHaloClients({ db }).map(toBoardHaloClient).sort((a, b) => nameOrder.compare(a.name, b.name) || a.id - b.id);
  const hudu = listSnapshotHuduCompanies({ db }).map(toBoardHuduCompany).sort((a, b) => nameOrder.compare(a.name, b.name) || a.id - b.id);
  const data: BoardData = { snapshot: toSnapshotInfo(run), halo, hudu, suggestions: suggest({ halo, hudu }) };
  // Only the newest snapshot is worth keeping; a refresh finishing meanwhile makes a new key.
  if (getCurrentSnapshotRun({ db })?.id === run.id) boardCache.set(db, { runId: run.id, data });
  return data;
}

/**
 * Runs the engine over both sides. Earlier decisions are not given to it as links on purpose:
 * suggestions then depend on the snapshot alone (cacheable), and buildBoardView steps past
 * companies other clients already have.
 */
export function suggest({ halo, hudu }: { halo: BoardHaloClient[]; hudu: BoardHuduCompany[] }): BoardSuggestion[] {
  const matches = matchCompanies({
    halo: halo.map((c) => ({
      id: c.id,
      name: c.name,
      website: c.website,
      phone: c.phone,
      emailDomains: c.emailDomains,
      inactive: c.inactive,
    })),
    hudu: hudu.map((c) => ({
      id: c.id,
      name: c.name,
      nickname: c.nickname,
      website: c.website,
      phone: c.phone,
      idNumber: c.idNumber,
      integrations: c.integrations,
      archived: c.archived,
    })),
  });
  return matches
    .filter((m) => m.candidates.length > 0)
    .map((m) => ({
      haloId: m.haloId,
      autoAccept: m.autoAccept,
      candidates: m.candidates.map((c) => ({ huduId: c.huduId, score: Math.round(c.score * 1000) / 1000, reasons: c.reasons })),
    }));
}
