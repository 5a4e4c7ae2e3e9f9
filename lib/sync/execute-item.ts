import type { Db } from "@/db";
import { finishImportItem, markImportItemSending } from "@/db/queries/import-items";
import { getDecision, saveDecision } from "@/db/queries/match-decisions";
import { deleteSyncLink, getSyncLink, upsertSyncLink } from "@/db/queries/sync-links";
import type { ImportItemRow, ImportOutcome } from "@/db/schema";
import { SyncError, toSyncError, type ErrorCode } from "@/lib/errors";
import type { HuduAssetSummary, HuduClient, HuduCompany, HuduCompanyInput } from "@/lib/hudu";
import { isNameTaken, nameTakenButNotFound } from "@/lib/hudu/refusals";
import { haloClientIdOfCompany, haloIdOfAsset } from "./halo-id";
import {
  resolveCompanyId,
  resolvePlannedValue,
  type AssetRecordType,
  type AssetWrite,
  type CompanyWrite,
  type PlanItem,
  type RecordKey,
} from "./types";

/**
 * One plan item against Hudu, and its outcome saved. The rules that keep Hudu free of doubles:
 * - a create is marked "sending" in the database before it goes out;
 * - a create whose answer did not arrive (time-out, dropped connection, 5xx), or one found
 *   "sending" after a restart, is looked up in Hudu by its Halo id (an asset's Halo ID field,
 *   a company's id_number stamp) before anything is created again;
 * - a company create refused as "Name has already been taken" is that company (unless it
 *   belongs to another Halo client), never a second create.
 * A refusal that belongs to the record (422, 404, …) is recorded with Hudu's message and the run
 * goes on; a problem with the service itself (bad key, unreachable) is thrown: the run stops.
 */

export interface ItemContext {
  db: Db;
  runId: number;
  hudu: HuduClient;
  signal: AbortSignal;
  /** Who the import records decisions for (the run's starter, or "schedule"). */
  decidedBy: string;
  /** The label of each layout's Halo ID field (from the mapping), for finding an asset by its Halo id. */
  haloIdLabels: Record<AssetRecordType, string | null>;
  /** Hudu ids settled in this run, by record key (companies created, sites created or found). */
  settled: Map<RecordKey, number>;
}

/** Problems with the service or our access to it: every other record would fail the same way. */
const RUN_STOPPING: ReadonlySet<ErrorCode> = new Set(["hudu_bad_key", "unauthorized", "forbidden", "unreachable", "timeout", "rate_limited", "invalid_config", "aborted"]);
/** A create that failed this way may still have been applied by Hudu. */
const MAYBE_APPLIED: ReadonlySet<ErrorCode> = new Set(["unreachable", "timeout", "server_error", "bad_response"]);

export function stopsTheRun(error: SyncError): boolean {
  return RUN_STOPPING.has(error.code);
}

/** Resolves a record key to a Hudu id: settled in this run, or known from an earlier one. */
export function resolveKey(ctx: Pick<ItemContext, "db" | "settled">, key: RecordKey): number | null {
  const settled = ctx.settled.get(key);
  if (settled !== undefined) return settled;
  const [type, idText] = key.split(":");
  const haloId = Number(idText);
  if (type === "company") {
    const decision = getDecision({ db: ctx.db, haloClientId: haloId });
    return decision?.kind === "match" ? decision.huduCompanyId : null;
  }
  if (type === "site" || type === "contact" || type === "contract") return getSyncLink({ db: ctx.db, haloType: type, haloId })?.huduId ?? null;
  return null;
}

interface Done {
  outcome: ImportOutcome;
  huduId?: number | null;
  huduCompanyId?: number | null;
  message?: string | null;
}

/**
 * Runs one item and saves its outcome. Throws only what stops the run (the item then stays
 * pending, or "sending" for a create, and is picked up again when the run resumes).
 */
export async function executeItem(ctx: ItemContext, row: ImportItemRow): Promise<ImportOutcome> {
  const item = JSON.parse(row.itemJson) as PlanItem;
  let done: Done;
  try {
    done = await perform(ctx, item, row.state === "sending");
  } catch (error) {
    const syncError = toSyncError(error, "hudu");
    if (stopsTheRun(syncError)) throw syncError;
    done = { outcome: "failed", huduId: item.huduId, huduCompanyId: item.huduCompanyId, message: syncError.userMessage };
  }
  finishImportItem({ db: ctx.db, runId: ctx.runId, key: item.key, ...done });
  return done.outcome;
}

async function perform(ctx: ItemContext, item: PlanItem, wasSending: boolean): Promise<Done> {
  if (item.type === "company") return performCompany(ctx, item, wasSending);
  return performAsset(ctx, item, item.type, wasSending);
}

// ------------------------------------------------------------------ companies

async function performCompany(ctx: ItemContext, item: PlanItem, wasSending: boolean): Promise<Done> {
  const write = item.write?.kind === "company" ? item.write : undefined;
  switch (item.action) {
    case "create": {
      if (!write) throw missingWrite(item);
      const company = await createCompanyOnce(ctx, item, write, wasSending);
      const note = recordCompanyMatch(ctx, item, company);
      ctx.settled.set(item.key, company.id);
      return { outcome: "created", huduId: company.id, huduCompanyId: company.id, message: note };
    }
    case "update": {
      if (!write || item.huduId === null) throw missingWrite(item);
      const company = await ctx.hudu.updateCompany(item.huduId, write.fields as Partial<HuduCompanyInput>, ctx.signal);
      ctx.settled.set(item.key, company.id);
      return { outcome: "updated", huduId: company.id, huduCompanyId: company.id };
    }
    case "unchanged": {
      if (item.relink && item.huduId !== null) {
        const note = recordCompanyMatch(ctx, item, { id: item.huduId, name: item.companyName });
        return { outcome: "unchanged", huduId: item.huduId, huduCompanyId: item.huduId, message: note };
      }
      return { outcome: "unchanged", huduId: item.huduId, huduCompanyId: item.huduId };
    }
    case "archive":
    case "skip":
      return { outcome: "skipped", huduId: item.huduId, huduCompanyId: item.huduCompanyId };
  }
}

/**
 * Creates the company unless it is already there. A create that may have landed (or one left
 * "sending" by an interrupted run) is looked up by our id_number stamp first.
 */
async function createCompanyOnce(ctx: ItemContext, item: PlanItem, write: CompanyWrite, wasSending: boolean): Promise<Pick<HuduCompany, "id" | "name"> & { found?: boolean }> {
  const name = write.fields.name ?? item.name;
  if (wasSending) {
    const found = await findOurCompany(ctx, name, item.haloId);
    if (found) return { ...found, found: true };
  }
  markImportItemSending({ db: ctx.db, runId: ctx.runId, key: item.key });
  let created: HuduCompany & { found?: boolean };
  try {
    created = await createUnlessFound(
      ctx,
      `create company “${name}”`,
      () => ctx.hudu.createCompany({ ...(write.fields as Partial<HuduCompanyInput>), name }, ctx.signal),
      () => findOurCompany(ctx, name, item.haloId),
    );
  } catch (error) {
    const syncError = toSyncError(error, "hudu");
    if (isNameTaken(error)) return companyHoldingName(ctx, name, item.haloId, syncError);
    throw syncError;
  }
  if (created.found) return created;
  const owner = haloClientIdOfCompany(created);
  if (owner !== null && owner !== item.haloId) throw takenByAnother(name, owner);
  return created;
}

/** A company we created for this Halo client: its name (Hudu's names are unique) and our id_number stamp. */
async function findOurCompany(ctx: ItemContext, name: string, haloClientId: number): Promise<HuduCompany | undefined> {
  const company = await ctx.hudu.findCompanyByName(name, ctx.signal);
  return company && haloClientIdOfCompany(company) === haloClientId ? company : undefined;
}

/** Hudu says the name is taken: that company is this client's, unless it belongs to another. */
async function companyHoldingName(ctx: ItemContext, name: string, haloClientId: number, refusal: SyncError): Promise<HuduCompany & { found: true }> {
  const company = await ctx.hudu.findCompanyByName(name, ctx.signal);
  if (!company) throw nameTakenButNotFound(name, refusal);
  const owner = haloClientIdOfCompany(company);
  if (owner !== null && owner !== haloClientId) throw takenByAnother(name, owner);
  return { ...company, found: true };
}

function takenByAnother(name: string, otherHaloClientId: number): SyncError {
  return new SyncError({
    code: "validation",
    service: "hudu",
    userMessage: `Hudu already has a company named "${name}", and it belongs to Halo client ${otherHaloClientId}. Rename one of them in Halo or Hudu, or match this client to another company on the Match page.`,
  });
}

/** The client's *create new* decision becomes a match to the company (source "import"). */
function recordCompanyMatch(ctx: ItemContext, item: PlanItem, company: Pick<HuduCompany, "id" | "name"> & { found?: boolean }): string | null {
  const result = saveDecision({
    db: ctx.db,
    decision: { haloClientId: item.haloId, kind: "match", huduCompanyId: company.id, haloClientName: item.companyName, huduCompanyName: company.name },
    decidedBy: ctx.decidedBy,
    source: "import",
  });
  if (result.status === "conflict") {
    throw new SyncError({
      code: "validation",
      service: "hudu",
      userMessage: `Hudu company "${company.name}" is already matched to ${result.other.haloClientName ?? `Halo client ${result.other.haloClientId}`} on the Match page; this client was not linked to it.`,
    });
  }
  return company.found ? "Found in Hudu by its name and Halo id (an earlier create had reached Hudu); linked to it." : null;
}

// ------------------------------------------------------------------ assets

async function performAsset(ctx: ItemContext, item: PlanItem, type: AssetRecordType, wasSending: boolean): Promise<Done> {
  const write = item.write?.kind === "asset" ? item.write : undefined;
  const companyId = resolveCompanyId(item, (key) => resolveKey(ctx, key));
  switch (item.action) {
    case "create": {
      if (!write) throw missingWrite(item);
      if (companyId === null) return { outcome: "skipped", message: `Not created: its company "${item.companyName}" is not in Hudu (its create failed or was skipped).` };
      const asset = await createAssetOnce(ctx, item, type, companyId, write, wasSending);
      upsertSyncLink({ db: ctx.db, haloType: type, haloId: item.haloId, huduId: asset.id, huduCompanyId: companyId, contentHash: item.contentHash });
      ctx.settled.set(item.key, asset.id);
      const note = asset.found ? "Found in Hudu by its Halo id (an earlier create had reached Hudu); linked to it." : null;
      return { outcome: "created", huduId: asset.id, huduCompanyId: companyId, message: note };
    }
    case "update": {
      if (!write || item.huduId === null || companyId === null) throw missingWrite(item);
      if (write.unarchive) await ctx.hudu.unarchiveAsset(companyId, item.huduId, ctx.signal);
      // Archived by hand and otherwise as Halo has it: the unarchive is the whole repair.
      const onlyUnarchive = write.unarchive && item.changes.every((change) => change.key === "archived");
      if (!onlyUnarchive) await ctx.hudu.updateAsset(companyId, item.huduId, assetBody(ctx, write), ctx.signal);
      upsertSyncLink({ db: ctx.db, haloType: type, haloId: item.haloId, huduId: item.huduId, huduCompanyId: companyId, contentHash: item.contentHash });
      ctx.settled.set(item.key, item.huduId);
      return { outcome: "updated", huduId: item.huduId, huduCompanyId: companyId };
    }
    case "unchanged": {
      if (item.relink && item.huduId !== null) {
        upsertSyncLink({ db: ctx.db, haloType: type, haloId: item.haloId, huduId: item.huduId, huduCompanyId: companyId, contentHash: item.contentHash });
      }
      if (item.huduId !== null) ctx.settled.set(item.key, item.huduId);
      return { outcome: "unchanged", huduId: item.huduId, huduCompanyId: companyId };
    }
    case "archive": {
      if (item.huduId === null || item.huduCompanyId === null) throw missingWrite(item);
      let message: string | null = null;
      try {
        await ctx.hudu.archiveAsset(item.huduCompanyId, item.huduId, ctx.signal);
      } catch (error) {
        const syncError = toSyncError(error, "hudu");
        if (syncError.code !== "not_found") throw syncError;
        message = "Already gone from Hudu.";
      }
      deleteSyncLink({ db: ctx.db, haloType: type, haloId: item.haloId });
      return { outcome: "archived", huduId: item.huduId, huduCompanyId: item.huduCompanyId, message };
    }
    case "skip":
      return { outcome: "skipped" };
  }
}

function assetBody(ctx: ItemContext, write: AssetWrite) {
  const fields = Object.fromEntries(Object.entries(write.fields).map(([key, value]) => [key, resolvePlannedValue(value, (k) => resolveKey(ctx, k))]));
  return { asset_layout_id: write.layoutId, name: write.name, custom_fields: fields };
}

async function createAssetOnce(
  ctx: ItemContext,
  item: PlanItem,
  type: AssetRecordType,
  companyId: number,
  write: AssetWrite,
  wasSending: boolean,
): Promise<Pick<HuduAssetSummary, "id"> & { found?: boolean }> {
  if (wasSending) {
    const found = await findOurAsset(ctx, type, write.layoutId, companyId, item.haloId);
    if (found) return { id: found.id, found: true };
  }
  markImportItemSending({ db: ctx.db, runId: ctx.runId, key: item.key });
  return createUnlessFound<Pick<HuduAssetSummary, "id">>(
    ctx,
    `create ${type} “${write.name}”`,
    () => ctx.hudu.createAsset(companyId, assetBody(ctx, write), ctx.signal),
    () => findOurAsset(ctx, type, write.layoutId, companyId, item.haloId),
  );
}

/**
 * Sends a create. When a failure may hide that it landed (no answer, a time-out, a 5xx), looks
 * for the record first and sends the create again only when it is not there, as often as the
 * client's retry policy allows attempts: never a blind retry, and a burst of 5xx loses nothing.
 */
async function createUnlessFound<T extends object>(ctx: ItemContext, operation: string, create: () => Promise<T>, find: () => Promise<T | undefined>): Promise<T & { found?: boolean }> {
  const { maxAttempts } = ctx.hudu.http.retry;
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      const syncError = toSyncError(error, "hudu");
      if (!MAYBE_APPLIED.has(syncError.code)) throw syncError;
      const found = await find();
      if (found) return { ...found, found: true };
      if (attempt >= maxAttempts) throw syncError;
      await ctx.hudu.http.backoff({ operation, signal: ctx.signal }, attempt, "Hudu gave no usable answer and the record is not there");
    }
  }
}

/** The asset of this layout and company whose Halo ID field holds this record's id (archived ones too). */
async function findOurAsset(ctx: ItemContext, type: AssetRecordType, layoutId: number, companyId: number, haloId: number): Promise<HuduAssetSummary | undefined> {
  const label = ctx.haloIdLabels[type];
  if (!label) return undefined;
  for (const archived of [false, true]) {
    const assets = await ctx.hudu.listAssetSummaries({ assetLayoutId: layoutId, companyId, archived: archived || undefined, signal: ctx.signal });
    const found = assets.find((asset) => haloIdOfAsset(asset, label) === haloId);
    if (found) return found;
  }
  return undefined;
}

function missingWrite(item: PlanItem): SyncError {
  // A plan built by lib/sync/plan.ts always has these; this is a bug guard with plain words.
  return new SyncError({ code: "bad_request", userMessage: `The plan for ${item.type} "${item.name}" is incomplete (${item.action} without its target); prepare the plan again.` });
}
