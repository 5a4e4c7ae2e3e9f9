import type { Db } from "@/db";
import { listDecisions } from "@/db/queries/match-decisions";
import { toSyncError } from "@/lib/errors";
import type { HuduClient } from "@/lib/hudu/client";
import { HALO_INTEGRATION_NOT_FOUND } from "@/lib/hudu/matchers";
import type { HuduCompany, HuduMatcher } from "@/lib/hudu/schemas";
import { idKey } from "@/lib/match/halo-ids";
import { loadSyncSettings, saveSyncSettings } from "./settings";

/**
 * Hudu's own Halo integration keeps its own matchers (Halo client → Hudu company). When it is
 * switched on beside this app, the two can disagree. This writes the board's decisions into
 * those matchers (`PUT /matchers/{id}` with the company), so Hudu's integration uses the same
 * matches. Hudu cannot create matchers: only those its integration already made are updated.
 */

export interface MatcherChange {
  matcherId: number;
  haloClientId: number;
  /** The Halo client's name as the matcher shows it. */
  name: string;
  fromCompanyId: number | null;
  fromCompanyName: string | null;
  toCompanyId: number;
  toCompanyName: string;
}

export interface MatcherDecision {
  haloClientId: number;
  kind: "match" | "create" | "ignore";
  huduCompanyId: number | null;
}

/**
 * The matchers that point elsewhere than the board says (pure). Only matched clients count:
 * "create new" before the import has no company yet, "ignore" and undecided leave Hudu's choice.
 */
export function planMatcherChanges({
  matchers,
  decisions,
  companyNames,
}: {
  matchers: HuduMatcher[];
  decisions: MatcherDecision[];
  companyNames: Map<number, string>;
}): { changes: MatcherChange[]; agreeing: number; withoutDecision: number } {
  const byClient = new Map(decisions.filter((d) => d.kind !== "ignore" && d.huduCompanyId !== null).map((d) => [d.haloClientId, d.huduCompanyId!]));
  const changes: MatcherChange[] = [];
  let agreeing = 0;
  let withoutDecision = 0;
  for (const m of [...matchers].sort((a, b) => a.id - b.id)) {
    const clientId = idKey(m.sync_id);
    const target = clientId ? byClient.get(Number(clientId)) : undefined;
    if (target === undefined) {
      withoutDecision++;
      continue;
    }
    if (m.company_id === target) {
      agreeing++;
      continue;
    }
    changes.push({
      matcherId: m.id,
      haloClientId: Number(clientId),
      name: m.name ?? m.identifier ?? `Halo client ${clientId}`,
      fromCompanyId: m.company_id,
      fromCompanyName: m.company_id !== null ? (m.company_name ?? companyNames.get(m.company_id) ?? null) : null,
      toCompanyId: target,
      toCompanyName: companyNames.get(target) ?? `company ${target}`,
    });
  }
  return { changes, agreeing, withoutDecision };
}

export type MatcherReview =
  | { status: "ok"; integrationId: number; changes: MatcherChange[]; agreeing: number; withoutDecision: number; matchers: number }
  /** No integration id: none saved, and no company shows one. */
  | { status: "no-integration"; message: string }
  /** Hudu refused (404: no such integration; 500: an id it cannot use) or could not be reached. */
  | { status: "error"; message: string };

/** Reads Hudu's Halo matchers and works out which disagree with the board. */
export async function reviewMatchers({ db, hudu, signal }: { db: Db; hudu: HuduClient; signal?: AbortSignal }): Promise<MatcherReview> {
  try {
    const settings = loadSyncSettings({ db });
    let companies: HuduCompany[] | null = null;
    let integrationId = settings.matchers.integrationId;
    if (integrationId === null) {
      companies = await hudu.listAllCompanies({ signal, onProblem: () => undefined });
      integrationId = await hudu.findHaloIntegrationId({ companies, signal });
    }
    if (integrationId === null) return { status: "no-integration", message: HALO_INTEGRATION_NOT_FOUND };
    const matchers = await hudu.listMatchers({ integrationId, signal });
    companies ??= await hudu.listAllCompanies({ signal, onProblem: () => undefined });
    const decisions = listDecisions({ db }).map((d) => ({ haloClientId: d.haloClientId, kind: d.kind, huduCompanyId: d.huduCompanyId }));
    const planned = planMatcherChanges({ matchers, decisions, companyNames: new Map(companies.map((c) => [c.id, c.name.trim()])) });
    return { status: "ok", integrationId, matchers: matchers.length, ...planned };
  } catch (error) {
    return { status: "error", message: toSyncError(error, "hudu").userMessage };
  }
}

export interface MatcherWriteResult {
  updated: number;
  failed: Array<{ matcherId: number; name: string; message: string }>;
}

/** Re-points each matcher; one refused matcher is recorded and the rest go on. */
export async function writeMatcherChanges({ hudu, changes, signal }: { hudu: HuduClient; changes: MatcherChange[]; signal?: AbortSignal }): Promise<MatcherWriteResult> {
  const result: MatcherWriteResult = { updated: 0, failed: [] };
  for (const change of changes) {
    if (signal?.aborted) break;
    try {
      await hudu.updateMatcher(change.matcherId, { companyId: change.toCompanyId }, signal);
      result.updated++;
    } catch (error) {
      result.failed.push({ matcherId: change.matcherId, name: change.name, message: toSyncError(error, "hudu").userMessage });
    }
  }
  return result;
}

/**
 * What an import calls at its end when the option is on: review, then write. Returns the review
 * as well, so the run's report can say what was done or why nothing was.
 */
export async function syncHuduMatchers({ db, hudu, signal }: { db: Db; hudu: HuduClient; signal?: AbortSignal }): Promise<{ review: MatcherReview; written: MatcherWriteResult | null }> {
  const review = await reviewMatchers({ db, hudu, signal });
  if (review.status !== "ok" || review.changes.length === 0) return { review, written: null };
  return { review, written: await writeMatcherChanges({ hudu, changes: review.changes, signal }) };
}

/** One line for a run's report: what became of Hudu's matchers, or why nothing did. */
export function describeMatcherOutcome(review: MatcherReview, written: MatcherWriteResult | null): string {
  if (review.status !== "ok") return `Hudu's own Halo matchers were not updated: ${review.message}`;
  if (!written) return `Hudu's own Halo matchers already agree with the board (${review.agreeing} matched).`;
  const failed = written.failed.length ? ` ${written.failed.length} refused: ${written.failed.map((f) => `${f.name} (${f.message})`).join("; ")}` : "";
  return `Updated ${written.updated} of Hudu's own Halo matchers to the board's matches.${failed}`;
}

/** Saves the option (and the integration id, when the admin had to enter it). */
export function saveMatcherOptions({
  db,
  write,
  integrationId,
  updatedBy,
}: {
  db: Db;
  write: boolean;
  integrationId: number | null;
  updatedBy: string;
}): { status: "ok"; message: string } | { status: "invalid"; message: string } {
  const settings = loadSyncSettings({ db });
  const result = saveSyncSettings({ db, settings: { ...settings, matchers: { write, integrationId } }, updatedBy });
  if (result.status === "invalid") return result;
  return { status: "ok", message: write ? "Imports will also update Hudu's own Halo matchers." : "Hudu's own matchers are left alone." };
}
