/**
 * The plan: what an import will do, item by item. This file is the contract between the planner
 * (lib/sync/plan.ts, pure: same input, same plan) and the executor (lib/sync executor, which
 * turns each item into Hudu requests and records links through db/queries/sync-links.ts).
 * Plain JSON only (no Dates, no classes), so a plan can be saved in the database, sent to the
 * preview page and read back after a restart. Safe for client components: no server imports.
 *
 * How the executor reads an item:
 * - `create`: POST `write` (a company, or an asset into `write.layoutId` under the company
 *   `huduCompanyId`, or, when that is null, the company created earlier in the run for
 *   `companyKey`). Then record the link (key → new Hudu id, contentHash).
 * - `update`: PUT `write` to `huduId` (company or asset). Company writes carry only the changed
 *   fields; asset writes carry every mapped field (see AssetWrite). Then upsert the link.
 * - `unchanged`: no request. Upsert the link when `relink` is set (the link was missing or stale,
 *   e.g. rebuilt from the Halo id stamped in Hudu after our database was lost).
 * - `archive`: PUT …/archive for asset `huduId` of company `huduCompanyId`; then delete the link.
 * - `skip`: nothing; `skipReason` says why (SKIP_REASON_TEXT has the words).
 * Order: companies, then sites, then contacts and contracts (they link to sites), so every
 * AssetLinkValue and companyKey resolves in one pass.
 */

import type { HuduAddressValue } from "@/lib/hudu/custom-fields";

export const syncRecordTypes = ["company", "site", "contact", "contract"] as const;
/** A Halo client becomes a Hudu company; sites, users (contacts) and contracts become assets. */
export type SyncRecordType = (typeof syncRecordTypes)[number];
export type AssetRecordType = Exclude<SyncRecordType, "company">;
export const assetRecordTypes = ["site", "contact", "contract"] as const satisfies readonly AssetRecordType[];

export const planActions = ["create", "update", "unchanged", "archive", "skip"] as const;
export type PlanAction = (typeof planActions)[number];

export const skipReasons = [
  "client-undecided",
  "client-ignored",
  "client-inactive",
  "client-missing",
  "inactive",
  "contract-inactive",
  "no-name",
  "no-layout",
  "company-missing",
  "company-name-taken",
  "company-name-twin",
] as const;
export type SkipReason = (typeof skipReasons)[number];

/** Plain words for each skip reason (the preview and the CLI show these). */
export const SKIP_REASON_TEXT: Record<SkipReason, string> = {
  "client-undecided": "its Halo client is not matched yet (decide on the Match page)",
  "client-ignored": "its Halo client is marked ignore",
  "client-inactive": "its Halo client is inactive (inactive records are left out)",
  "client-missing": "it belongs to no Halo client we read",
  inactive: "it is inactive in Halo (inactive records are left out)",
  "contract-inactive": "the contract is not active (only active contracts are imported)",
  "no-name": "it has no name in Halo",
  "no-layout": "no usable Hudu layout is chosen for this type (see Layouts)",
  "company-missing": "the Hudu company its client is matched to no longer exists (match the client again)",
  "company-name-taken": "a Hudu company with this name already belongs to another Halo client (rename one, or match this client on the board)",
  "company-name-twin": "another Halo client with the same name gets the new company, and Hudu's company names are unique (rename one in Halo, or match this client on the board)",
};

/** The key of a Halo record across runs: "company:12" (a Halo client), "site:34", "contact:56". */
export type RecordKey = `${SyncRecordType}:${number}`;
export function recordKey(type: SyncRecordType, haloId: number): RecordKey {
  return `${type}:${haloId}`;
}

/**
 * A link to another asset of the same company, for AssetTag fields (a contact's or a contract's
 * site). `huduAssetId` is known when the site already exists in Hudu; when the site is created
 * in the same run it is null and the executor resolves `key` through the links written so far.
 * Hudu wants AssetTag values as an array of asset ids: resolvePlannedValue does that.
 */
export interface AssetLinkValue {
  assetLink: { key: RecordKey; huduAssetId: number | null };
}

/** Hudu's AddressData value. */
export type AddressValue = HuduAddressValue;

/** A value as Hudu takes it (already formatted for the field's type), or a link to resolve. */
export type PlannedValue = string | number | boolean | null | number[] | string[] | AddressValue | AssetLinkValue;

export function isAssetLinkValue(value: unknown): value is AssetLinkValue {
  return !!value && typeof value === "object" && !Array.isArray(value) && "assetLink" in value;
}

/**
 * An asset body. `fields` is keyed by the custom-field key Hudu wants (the layout label,
 * lower-cased, each space → "_"). For `update`, `fields` still holds every mapped value, not
 * only the changed ones: Hudu's PUT most likely merges custom fields [guess], and if it replaces
 * them, sending all of ours keeps them. `changes` on the item says what actually differs.
 */
export interface AssetWrite {
  kind: "asset";
  layoutId: number;
  name: string;
  fields: Record<string, PlannedValue>;
  /** The linked asset is archived in Hudu and its Halo record is back: unarchive it, then PUT. */
  unarchive?: boolean;
}

/**
 * Company fields as HuduCompanyInput names them (name, website, phone_number, address_line_1, …,
 * id_number). `create` carries every mapped field (and `id_number`, the Halo id stamp);
 * `update` only the fields that change (company PUT takes a partial object).
 */
export interface CompanyWrite {
  kind: "company";
  fields: Record<string, string | null>;
}

export interface FieldChange {
  /** The layout label or company field name, as the preview shows it. */
  label: string;
  /** Custom-field key or company field name. */
  key: string;
  /** What Hudu holds now, for display (null when empty or when the record is new). */
  old: string | null;
  /** What we would write, for display. */
  new: string | null;
}

export interface PlanItem {
  /** recordKey(type, haloId): stable across runs. */
  key: RecordKey;
  type: SyncRecordType;
  action: PlanAction;
  /** The Halo record's id (for a company, the Halo client id). */
  haloId: number;
  /** The Halo client the record belongs to (for a company, itself). */
  haloClientId: number | null;
  /** The existing Hudu record (company or asset): set for update, unchanged and archive. */
  huduId: number | null;
  /** The Hudu company the record is (or goes) in; null when the company is created in this run. */
  huduCompanyId: number | null;
  /** recordKey("company", haloClientId): resolves a company created earlier in the run. */
  companyKey: RecordKey | null;
  /** The record's display name (what Hudu will call it). */
  name: string;
  /** The company's display name (Halo client name, or the Hudu company's). */
  companyName: string;
  skipReason?: SkipReason;
  /** Field-by-field differences (old → new) for create and update; empty otherwise. */
  changes: FieldChange[];
  write?: CompanyWrite | AssetWrite;
  /**
   * Record the link even when nothing else is sent (it was missing or pointed elsewhere). For an
   * asset: upsert sync_links. For a company (a *create new* client whose company Hudu already
   * has, found by our id_number stamp, Hudu's own Halo link or its name): record a `match`
   * decision with source "import", so the client is not planned as a create again.
   */
  relink?: boolean;
  /** Hash of the mapped values; stored with the link so a later run can tell what we wrote. */
  contentHash: string;
  /**
   * How the existing Hudu record was found: "link" our link table, "stamp" the Halo id Hudu
   * holds (an asset's Halo ID field, a company's id_number or Hudu's own Halo link), "match" the
   * match decision, "name" a company Hudu already has under the client's name.
   */
  foundBy?: "link" | "stamp" | "match" | "name";
}

export type PlanTotals = Record<SyncRecordType, Record<PlanAction, number>>;

export interface PlanWarning {
  /** e.g. "halo-read", "hudu-read", "layout", "duplicate-stamp". */
  code: string;
  message: string;
}

export interface Plan {
  items: PlanItem[];
  totals: PlanTotals;
  /** ISO date-time the input was read (the planner itself never reads the clock). */
  generatedAt: string;
  warnings: PlanWarning[];
  /** The layout used per asset type (null when none is chosen). */
  layouts: Record<AssetRecordType, { id: number; name: string } | null>;
}

export function emptyTotals(): PlanTotals {
  const row = (): Record<PlanAction, number> => ({ create: 0, update: 0, unchanged: 0, archive: 0, skip: 0 });
  return { company: row(), site: row(), contact: row(), contract: row() };
}

/**
 * Resolves a planned value for the request body: an AssetLinkValue becomes `[huduAssetId]` (or
 * null when the site could not be resolved, e.g. it failed to be created); anything else is as is.
 */
export function resolvePlannedValue(value: PlannedValue, resolveKey: (key: RecordKey) => number | null | undefined): unknown {
  if (!isAssetLinkValue(value)) return value;
  const id = value.assetLink.huduAssetId ?? resolveKey(value.assetLink.key) ?? null;
  return id === null ? null : [id];
}

/** The Hudu company an item goes into: known at plan time, or created earlier in this run. */
export function resolveCompanyId(item: PlanItem, resolveKey: (key: RecordKey) => number | null | undefined): number | null {
  if (item.huduCompanyId !== null) return item.huduCompanyId;
  return item.companyKey ? (resolveKey(item.companyKey) ?? null) : null;
}
