import { SKIP_REASON_TEXT, planActions, syncRecordTypes, type FieldChange, type Plan, type PlanAction, type PlanItem, type SyncRecordType } from "./types";

/**
 * The preview's view of a plan: filtered by action, type and a name search, grouped per company,
 * one page at a time (the large data set has ~80,000 items; the browser gets 100). Pure: the
 * route handler calls it on a plan cached in memory.
 */

export interface PlanQuery {
  /** One action, or "changes" for create + update + archive (what an import writes). */
  action?: PlanAction | "changes";
  type?: SyncRecordType;
  /** Case-insensitive, over the record's and the company's name. */
  q?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface PlanItemView {
  key: string;
  type: SyncRecordType;
  action: PlanAction;
  name: string;
  haloId: number;
  huduId: number | null;
  /** Plain words, for skipped items. */
  skipReason: string | null;
  changes: FieldChange[];
  foundBy: PlanItem["foundBy"] | null;
}

export interface PlanGroupView {
  key: string;
  companyName: string;
  /** Counts over every item of this company that matches the filter (not only this page's). */
  counts: Record<PlanAction, number>;
  items: PlanItemView[];
}

export interface PlanPageView {
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  groups: PlanGroupView[];
}

export const PLAN_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 500;

const typeOrder = new Map(syncRecordTypes.map((t, i) => [t, i]));

export function groupKeyOf(item: PlanItem): string {
  if (item.companyKey) return item.companyKey;
  if (item.huduCompanyId !== null) return `hudu:${item.huduCompanyId}`;
  return "none";
}

/** The plan's items in preview order: by company name, then companies first, sites, contacts, contracts, then name. */
export function sortForPreview(items: PlanItem[]): PlanItem[] {
  const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
  // Names as people read them: stray spaces, markup or a leading quote do not move a company to the top.
  const sortName = (name: string) => name.replace(/<[^>]*>/g, "").replace(/^[\s"'“‘(]+/, "");
  return [...items].sort(
    (a, b) =>
      collator.compare(sortName(a.companyName), sortName(b.companyName)) ||
      groupKeyOf(a).localeCompare(groupKeyOf(b)) ||
      typeOrder.get(a.type)! - typeOrder.get(b.type)! ||
      collator.compare(a.name, b.name) ||
      a.haloId - b.haloId,
  );
}

function matches(item: PlanItem, query: PlanQuery, needle: string): boolean {
  if (query.type && item.type !== query.type) return false;
  if (query.action === "changes") {
    if (item.action !== "create" && item.action !== "update" && item.action !== "archive") return false;
  } else if (query.action && item.action !== query.action) return false;
  if (needle && !item.name.toLowerCase().includes(needle) && !item.companyName.toLowerCase().includes(needle)) return false;
  return true;
}

const emptyCounts = (): Record<PlanAction, number> => Object.fromEntries(planActions.map((a) => [a, 0])) as Record<PlanAction, number>;

function itemView(item: PlanItem): PlanItemView {
  return {
    key: item.key,
    type: item.type,
    action: item.action,
    name: item.name,
    haloId: item.haloId,
    huduId: item.huduId,
    skipReason: item.skipReason ? SKIP_REASON_TEXT[item.skipReason] : null,
    changes: item.changes,
    foundBy: item.foundBy ?? null,
  };
}

/** One page of `sorted` (from sortForPreview) under `query`. */
export function planPage(sorted: PlanItem[], query: PlanQuery): PlanPageView {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, query.pageSize ?? PLAN_PAGE_SIZE));
  const needle = (query.q ?? "").trim().toLowerCase();
  const filtered = sorted.filter((item) => matches(item, query, needle));
  const pages = Math.max(1, Math.ceil(filtered.length / pageSize));
  const page = Math.min(pages, Math.max(1, Math.floor(query.page ?? 1)));
  const slice = filtered.slice((page - 1) * pageSize, page * pageSize);

  const onPage = new Set(slice.map(groupKeyOf));
  const counts = new Map<string, Record<PlanAction, number>>();
  for (const item of filtered) {
    const key = groupKeyOf(item);
    if (!onPage.has(key)) continue;
    const c = counts.get(key) ?? emptyCounts();
    c[item.action]++;
    counts.set(key, c);
  }

  const groups: PlanGroupView[] = [];
  for (const item of slice) {
    const key = groupKeyOf(item);
    let group = groups.at(-1);
    if (!group || group.key !== key) {
      group = { key, companyName: item.companyName || "(no company)", counts: counts.get(key)!, items: [] };
      groups.push(group);
    }
    group.items.push(itemView(item));
  }
  return { total: filtered.length, page, pages, pageSize, groups };
}

/** What the preview shows above the list. */
export interface PlanSummaryView {
  planId: number;
  generatedAt: string;
  totals: Plan["totals"];
  warnings: Plan["warnings"];
  layouts: Plan["layouts"];
  /** Items an import would send to Hudu (create, update, archive) and the relinks it records. */
  writes: number;
}

export function planSummary(planId: number, plan: Plan): PlanSummaryView {
  let writes = 0;
  for (const type of syncRecordTypes) writes += plan.totals[type].create + plan.totals[type].update + plan.totals[type].archive;
  return { planId, generatedAt: plan.generatedAt, totals: plan.totals, warnings: plan.warnings, layouts: plan.layouts, writes };
}
