import { layoutStates, type LayoutState } from "@/lib/layouts/state";
import { assetItems, assetPlanner, planAssets, type PlannedSite } from "./plan-assets";
import { planCompanies, type CompanyTarget } from "./plan-companies";
import type { PlanInput, PlanRestSource, PlanStartInput } from "./plan-input";
import { assetRecordTypes, emptyTotals, type AssetRecordType, type Plan, type PlanItem, type PlanWarning } from "./types";

export type { PlanInput, PlanRestSource, PlanStartInput } from "./plan-input";

/**
 * The planner: from what both sides hold, our decisions, links and settings, every action an
 * import will take. Pure: no I/O, no clock (generatedAt is the input's readAt), so the preview
 * shows exactly what an import of the same input does.
 */
export function buildPlan(input: PlanInput): Plan {
  const start = planStart(input);
  const items = [...start.items, ...planRest(start, input)];
  const totals = emptyTotals();
  for (const item of items) totals[item.type][item.action]++;
  return { items, totals, generatedAt: start.generatedAt, warnings: start.warnings, layouts: start.layouts };
}

/** The plan's companies and sites, and what its contacts and contracts need from them. */
export interface PlanStart extends Omit<Plan, "items" | "totals"> {
  /** Companies, then sites. */
  items: PlanItem[];
  targets: Map<number, CompanyTarget>;
  states: Record<AssetRecordType, LayoutState>;
  /** Sites the run leaves in Hudu, by Halo site id (for the contacts' and contracts' links). */
  sites: Map<number, PlannedSite>;
}

/**
 * The first part of the plan: companies and sites. An import starts writing them while Halo's
 * users and contracts are still being read, then plans those as they arrive (streamPlanRest) and
 * saves the items as they come (the contacts of a large data set are over 100 MB of plan).
 */
export function planStart(input: PlanStartInput): PlanStart {
  const warnings: PlanWarning[] = [...(input.warnings ?? [])];
  const { items: companyItems, targets } = planCompanies(input, warnings);
  const states = layoutStates({ settings: input.settings, layouts: input.hudu.layouts });
  for (const type of assetRecordTypes) {
    const state = states[type];
    if (state.chosen && state.problems.length) warnings.push({ code: "layout", message: state.problems.join(" ") });
  }
  // Contacts and contracts link to the sites the run leaves in Hudu: the sites are planned whole first.
  const siteItems = planAssets({
    type: "site",
    records: input.halo.sites,
    state: states.site,
    assets: input.hudu.assets.site,
    links: input.links,
    targets,
    settings: input.settings,
    sites: new Map(),
    warnings,
  });
  const layoutOf = (type: AssetRecordType) => {
    const l = states[type].layout;
    return l ? { id: l.id, name: l.name } : null;
  };
  return {
    items: [...companyItems, ...siteItems],
    targets,
    states,
    sites: plannedSites(siteItems),
    generatedAt: input.readAt,
    warnings,
    layouts: { site: layoutOf("site"), contact: layoutOf("contact"), contract: layoutOf("contract") },
  };
}

/** The rest of the plan after planStart: contacts, then contracts, one at a time; their warnings join start.warnings. */
export function* planRest(start: PlanStart, input: PlanInput): Generator<PlanItem> {
  const records = { contact: input.halo.users, contract: input.halo.contracts };
  for (const type of ["contact", "contract"] as const) {
    yield* assetItems({
      type,
      records: records[type],
      state: start.states[type],
      assets: input.hudu.assets[type],
      links: input.links,
      targets: start.targets,
      settings: input.settings,
      sites: start.sites,
      warnings: start.warnings,
    });
  }
}

/**
 * planRest as an import runs it: each of Halo's users and contracts planned as it is read (in
 * the order Halo sends them, not by id), so they are never all in memory. The same items as
 * planRest gives for the same records, in another order. Contacts first, then contracts.
 */
export async function* streamPlanRest(
  start: Pick<PlanStart, "states" | "targets" | "sites" | "warnings">,
  input: Pick<PlanInput, "links" | "settings">,
  source: PlanRestSource,
): AsyncGenerator<PlanItem> {
  const records = { contact: source.users, contract: source.contracts };
  for (const type of ["contact", "contract"] as const) {
    const planner = assetPlanner({
      type,
      state: start.states[type],
      assets: source.assets[type],
      links: input.links,
      targets: start.targets,
      settings: input.settings,
      sites: start.sites,
      warnings: start.warnings,
    });
    for await (const record of records[type]) yield planner.plan(record);
    yield* planner.gone();
  }
}

/** Sites the run leaves in Hudu (existing or created), by Halo site id. */
function plannedSites(items: PlanItem[]): Map<number, PlannedSite> {
  const sites = new Map<number, PlannedSite>();
  for (const item of items) {
    if (item.action !== "create" && item.action !== "update" && item.action !== "unchanged") continue;
    sites.set(item.haloId, { huduAssetId: item.huduId, name: item.name, huduCompanyId: item.huduCompanyId, companyKey: item.companyKey ?? "" });
  }
  return sites;
}
