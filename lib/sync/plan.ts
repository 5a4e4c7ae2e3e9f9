import { layoutStates } from "@/lib/layouts/state";
import { assetItems, planAssets, type PlannedSite } from "./plan-assets";
import { planCompanies } from "./plan-companies";
import type { PlanInput } from "./plan-input";
import { assetRecordTypes, emptyTotals, type AssetRecordType, type Plan, type PlanItem, type PlanWarning } from "./types";

export type { PlanInput } from "./plan-input";

/**
 * The planner: from what both sides hold, our decisions, links and settings, every action an
 * import will take. Pure: no I/O, no clock (generatedAt is the input's readAt), so the preview
 * shows exactly what an import of the same input does.
 */
export function buildPlan(input: PlanInput): Plan {
  const stream = streamPlan(input);
  const items = [...stream.items];
  const totals = emptyTotals();
  for (const item of items) totals[item.type][item.action]++;
  return { items, totals, generatedAt: stream.generatedAt, warnings: stream.warnings, layouts: stream.layouts };
}

/** The plan with its items made one at a time (companies, sites, contacts, contracts); `warnings` is complete once they all are. */
export type PlanStream = Omit<Plan, "items" | "totals"> & { items: Generator<PlanItem> };

/**
 * buildPlan for an import of a large data set: the items come one at a time, so they can be saved
 * as they come instead of all being held at once (76,000 items are over 100 MB).
 */
export function streamPlan(input: PlanInput): PlanStream {
  const warnings: PlanWarning[] = [...(input.warnings ?? [])];
  const { items: companyItems, targets } = planCompanies(input, warnings);
  const states = layoutStates({ settings: input.settings, layouts: input.hudu.layouts });
  for (const type of assetRecordTypes) {
    const state = states[type];
    if (state.chosen && state.problems.length) warnings.push({ code: "layout", message: state.problems.join(" ") });
  }

  const records = { site: input.halo.sites, contact: input.halo.users, contract: input.halo.contracts };
  const context = (type: AssetRecordType, sites: Map<number, PlannedSite>) => ({
    type,
    records: records[type],
    state: states[type],
    assets: input.hudu.assets[type],
    links: input.links,
    targets,
    settings: input.settings,
    sites,
    warnings,
  });

  function* items(): Generator<PlanItem> {
    yield* companyItems;
    // Contacts and contracts link to the sites the run leaves in Hudu: the sites are planned whole first.
    const siteItems = planAssets(context("site", new Map()));
    yield* siteItems;
    const sites = plannedSites(siteItems);
    yield* assetItems(context("contact", sites));
    yield* assetItems(context("contract", sites));
  }

  const layoutOf = (type: AssetRecordType) => {
    const l = states[type].layout;
    return l ? { id: l.id, name: l.name } : null;
  };
  return {
    items: items(),
    generatedAt: input.readAt,
    warnings,
    layouts: { site: layoutOf("site"), contact: layoutOf("contact"), contract: layoutOf("contract") },
  };
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
