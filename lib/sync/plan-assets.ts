import type { HaloContractRecord, HaloSiteRecord, HaloUserRecord } from "@/lib/halo/records";
import type { HuduAssetSummary } from "@/lib/hudu/asset-summary";
import type { LayoutState, MappedField } from "@/lib/layouts/state";
import { displayValue, sameFieldValue, squash } from "./compare";
import { contentHash, plannedValue } from "./field-values";
import { haloIdOfAsset } from "./halo-id";
import type { CompanyTarget } from "./plan-companies";
import type { PlanLink } from "./plan-input";
import type { SyncSettings } from "./settings-schema";
import { ASSET_NAME_SOURCE, SOURCES, type SourceValue } from "./sources";
import {
  recordKey,
  type AssetRecordType,
  type FieldChange,
  type PlanItem,
  type PlannedValue,
  type PlanWarning,
  type SkipReason,
} from "./types";

/**
 * Assets of one type (sites, contacts or contracts): create, update, leave unchanged, archive
 * or skip each Halo record, and archive assets whose Halo record is gone. An existing asset is
 * found through our link first, then through the Halo id written in its Halo ID field.
 */

type AnyRecord = HaloSiteRecord | HaloUserRecord | HaloContractRecord;

/** What the contacts and contracts need to know about a planned site, to link to it. */
export interface PlannedSite {
  huduAssetId: number | null;
  name: string;
  huduCompanyId: number | null;
  companyKey: string;
}

export interface AssetPlanContext {
  type: AssetRecordType;
  /** The chosen layout's state: whether it is usable, and the mapped fields. */
  state: LayoutState;
  assets: HuduAssetSummary[];
  links: PlanLink[];
  targets: Map<number, CompanyTarget>;
  settings: SyncSettings;
  /** Sites planned to exist after the run (for AssetTag links); empty when planning sites. */
  sites: Map<number, PlannedSite>;
  warnings: PlanWarning[];
}

function readSource(type: AssetRecordType, sourceId: string, record: AnyRecord): SourceValue {
  const source = (SOURCES[type] as ReadonlyArray<{ id: string; read: (r: AnyRecord) => SourceValue }>).find((s) => s.id === sourceId);
  return source ? source.read(record) : null;
}

function assetName(type: AssetRecordType, record: AnyRecord): string {
  const read = ASSET_NAME_SOURCE[type] as (r: AnyRecord) => string | null;
  return squash(read(record) ?? "");
}

function inactiveReason(type: AssetRecordType, record: AnyRecord, settings: SyncSettings): SkipReason | null {
  if (type === "contract" && settings.options.contractsActiveOnly && !(record as HaloContractRecord).active) return "contract-inactive";
  if ("inactive" in record && record.inactive && !settings.options.includeInactive) return "inactive";
  return null;
}

function existingValue(asset: HuduAssetSummary, field: MappedField): unknown {
  return Object.hasOwn(asset.fields, field.key) ? (asset.fields[field.key] ?? null) : null;
}

interface Desired {
  fields: Record<string, PlannedValue>;
  /** What each value looks like in the preview. */
  display: Record<string, string | null>;
}

function desiredFields(ctx: AssetPlanContext, record: AnyRecord, companyKey: string): Desired {
  const fields: Record<string, PlannedValue> = {};
  const display: Record<string, string | null> = {};
  for (const f of ctx.state.fields) {
    const raw = readSource(ctx.type, f.source.id, record);
    if (f.source.kind === "siteLink") {
      const siteId = raw && typeof raw === "object" && "siteId" in raw ? raw.siteId : null;
      const site = siteId !== null ? ctx.sites.get(siteId) : undefined;
      // A link only to a site of the same company that the run will have in Hudu.
      fields[f.key] = site && site.companyKey === companyKey ? { assetLink: { key: recordKey("site", siteId!), huduAssetId: site.huduAssetId } } : null;
      display[f.key] = site && fields[f.key] ? site.name : null;
      continue;
    }
    fields[f.key] = plannedValue(f.source.kind, f.fieldType, raw);
    display[f.key] = displayValue(f.fieldType, fields[f.key]);
  }
  return { fields, display };
}

/**
 * The fields as the link's content hash sees them: a site link as the site it names (its record
 * key), not its Hudu id, which is unknown until the site is created. Otherwise every contact and
 * contract created with a link would look changed on the next run and be relinked again.
 */
function hashable(fields: Record<string, PlannedValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value && typeof value === "object" && "assetLink" in value ? { assetLink: value.assetLink.key } : value]));
}

/** Compares a planned value with the asset's; an unresolved site link always differs from Hudu's. */
function same(field: MappedField, existing: unknown, desired: PlannedValue): boolean {
  if (desired && typeof desired === "object" && "assetLink" in desired) {
    const id = desired.assetLink.huduAssetId;
    return id !== null && sameFieldValue("AssetTag", existing, [id]);
  }
  return sameFieldValue(field.fieldType, existing, desired);
}

/** Every Halo record of a type (inactive included): an asset whose record is not among them is gone. */
type WithRecords = AssetPlanContext & { records: AnyRecord[] };

export function planAssets(ctx: WithRecords): PlanItem[] {
  return [...assetItems(ctx)];
}

/** planAssets one item at a time, in Halo id order (an import saves each as it comes instead of holding them all). */
export function* assetItems(ctx: WithRecords): Generator<PlanItem> {
  const planner = assetPlanner(ctx);
  for (const record of [...ctx.records].sort((a, b) => a.id - b.id)) yield planner.plan(record);
  yield* planner.gone();
}

export interface AssetPlanner {
  /** The item for one Halo record of the type. */
  plan(record: AnyRecord): PlanItem;
  /** After every record of the type: archives for the assets whose Halo record never came. */
  gone(): Generator<PlanItem>;
}

/**
 * One type's planner, fed a record at a time: an import plans Halo's users as their pages
 * arrive, so 60,000 of them are never in memory at once. Hudu's assets of the type are indexed
 * whole first (any record may be found among them).
 */
export function assetPlanner(ctx: AssetPlanContext): AssetPlanner {
  const { type, state, settings } = ctx;
  const haloIdLabel = state.haloIdField?.label ?? null;

  // ---- Index what Hudu holds.
  const assetsById = new Map(ctx.assets.map((a) => [a.id, a]));
  const byStamp = new Map<number, HuduAssetSummary[]>();
  if (haloIdLabel) {
    for (const asset of ctx.assets) {
      const haloId = haloIdOfAsset(asset, haloIdLabel);
      if (haloId === null) continue;
      const list = byStamp.get(haloId) ?? [];
      list.push(asset);
      byStamp.set(haloId, list);
    }
  }
  const links = new Map(ctx.links.filter((l) => l.haloType === type).map((l) => [l.haloId, l]));
  const handled = new Set<number>();

  const findExisting = (haloId: number): { asset: HuduAssetSummary; foundBy: "link" | "stamp" } | null => {
    const link = links.get(haloId);
    const linked = link ? assetsById.get(link.huduId) : undefined;
    if (linked) return { asset: linked, foundBy: "link" };
    const stamped = (byStamp.get(haloId) ?? []).sort((a, b) => Number(a.archived) - Number(b.archived) || a.id - b.id);
    if (stamped.length > 1) {
      ctx.warnings.push({
        code: "duplicate-stamp",
        message: `${stamped.length} Hudu assets of "${state.layout?.name}" carry Halo ${type} ${haloId} (ids ${stamped.map((a) => a.id).join(", ")}); using ${stamped[0].id}, the others are left alone.`,
      });
    }
    return stamped[0] ? { asset: stamped[0], foundBy: "stamp" } : null;
  };

  const archiveItem = (haloId: number, haloClientId: number | null, asset: HuduAssetSummary, companyName?: string): PlanItem => ({
    key: recordKey(type, haloId),
    type,
    action: "archive",
    haloId,
    haloClientId,
    huduId: asset.id,
    huduCompanyId: asset.company_id,
    companyKey: haloClientId !== null ? recordKey("company", haloClientId) : null,
    name: asset.name,
    companyName: companyName ?? squash(asset.company_name ?? ""),
    changes: [{ key: "archived", label: "Archived", old: "No", new: "Yes" }],
    contentHash: "",
  });

  const seen = new Set<number>();
  const plan = (record: AnyRecord): PlanItem => {
    seen.add(record.id);
    const key = recordKey(type, record.id);
    const clientId = record.clientId;
    const target = clientId !== null ? ctx.targets.get(clientId) : undefined;
    const name = assetName(type, record);
    const base = { key, type, haloId: record.id, haloClientId: clientId, name, changes: [] as FieldChange[], contentHash: "" };
    const skip = (reason: SkipReason, companyName = target?.companyName ?? ""): PlanItem => ({
      ...base,
      name: name || `${type} ${record.id}`,
      action: "skip",
      huduId: null,
      huduCompanyId: null,
      companyKey: clientId !== null ? recordKey("company", clientId) : null,
      companyName,
      skipReason: reason,
    });

    if (!target) return skip("client-missing", (record as { clientName?: string | null }).clientName ?? "");
    if (!target.ok) return skip(target.reason);
    const existing = state.usable ? findExisting(record.id) : null;
    if (existing) handled.add(existing.asset.id);

    const inactive = inactiveReason(type, record, settings);
    if (inactive) {
      if (existing && !existing.asset.archived && settings.options.whenGone === "archive") return archiveItem(record.id, clientId, existing.asset, target.companyName);
      return skip(inactive);
    }
    if (!state.usable) return skip("no-layout");
    if (!name) return skip("no-name");

    const desired = desiredFields(ctx, record, target.companyKey);
    const hash = contentHash({ name, fields: hashable(desired.fields) });
    const layoutId = state.layout!.id;

    if (!existing) {
      const changes: FieldChange[] = [{ key: "name", label: "Name", old: null, new: name }];
      for (const f of state.fields) if (desired.display[f.key] !== null) changes.push({ key: f.key, label: f.label, old: null, new: desired.display[f.key] });
      const fields = Object.fromEntries(Object.entries(desired.fields).filter(([, v]) => v !== null));
      return {
        ...base,
        action: "create",
        huduId: null,
        huduCompanyId: target.huduCompanyId,
        companyKey: target.companyKey,
        companyName: target.companyName,
        changes,
        write: { kind: "asset", layoutId, name, fields },
        contentHash: hash,
      };
    }

    const asset = existing.asset;
    if (target.huduCompanyId !== null && asset.company_id !== null && asset.company_id !== target.huduCompanyId) {
      ctx.warnings.push({
        code: "other-company",
        message: `Hudu asset ${asset.id} ("${asset.name}") of Halo ${type} ${record.id} is in company "${asset.company_name}", not in "${target.companyName}"; it is updated where it is.`,
      });
    }
    const changes: FieldChange[] = [];
    if (squash(asset.name) !== name) changes.push({ key: "name", label: "Name", old: asset.name, new: name });
    for (const f of state.fields) {
      const old = existingValue(asset, f);
      if (!same(f, old, desired.fields[f.key])) changes.push({ key: f.key, label: f.label, old: displayValue(f.fieldType, old), new: desired.display[f.key] });
    }
    if (asset.archived) changes.unshift({ key: "archived", label: "Archived", old: "Yes", new: "No" });
    const link = links.get(record.id);
    const relink = !link || link.huduId !== asset.id || link.huduCompanyId !== asset.company_id || link.contentHash !== hash;
    return {
      ...base,
      action: changes.length ? "update" : "unchanged",
      huduId: asset.id,
      huduCompanyId: asset.company_id ?? target.huduCompanyId,
      companyKey: target.companyKey,
      companyName: target.companyName,
      changes,
      write: changes.length ? { kind: "asset", layoutId: asset.asset_layout_id ?? layoutId, name, fields: desired.fields, unarchive: asset.archived || undefined } : undefined,
      relink: relink || undefined,
      foundBy: existing.foundBy,
      contentHash: hash,
    };
  };

  // ---- Assets whose Halo record is gone (deleted in Halo): archive, never delete.
  function* gone(): Generator<PlanItem> {
    if (settings.options.whenGone !== "archive" || !state.usable) return;
    const goneAssets = new Map<number, HuduAssetSummary>();
    for (const link of links.values()) {
      const asset = assetsById.get(link.huduId);
      if (!seen.has(link.haloId) && asset && !handled.has(asset.id)) goneAssets.set(link.haloId, asset);
    }
    for (const [haloId, list] of byStamp) {
      if (seen.has(haloId) || goneAssets.has(haloId)) continue;
      const asset = list.find((a) => !a.archived);
      if (asset && !handled.has(asset.id)) goneAssets.set(haloId, asset);
    }
    for (const [haloId, asset] of [...goneAssets].sort((a, b) => a[0] - b[0])) {
      if (!asset.archived) yield archiveItem(haloId, null, asset);
    }
  }

  return { plan, gone };
}
