import type { Db } from "@/db";
import { listDecisions } from "@/db/queries/match-decisions";
import { listSyncLinks } from "@/db/queries/sync-links";
import { connectFromSettings, type ConnectSources } from "@/lib/connections/connect";
import { HALO_PAGE_SIZE, type HaloClient, type HaloListing } from "@/lib/halo";
import type { HttpEventHandler } from "@/lib/http/events";
import { chosenLayouts } from "@/lib/layouts/overview";
import type { HuduAsset, HuduAssetLayout, HuduClient, HuduCompany } from "@/lib/hudu";
import { buildPlan } from "./plan";
import type { PlanInput, PlanStartInput } from "./plan-input";
import { loadSyncSettings } from "./settings";
import type { SyncSettings } from "./settings-schema";
import type { AssetRecordType, Plan, PlanWarning } from "./types";

/**
 * Reads what the planner needs: one paged sweep per Halo type (inactive records included; the
 * planner applies the options), Hudu's companies (archived included), its layouts and one sweep
 * per chosen layout (archived assets included), and our decisions, links and settings. Never a
 * request per client. Halo and Hudu are read at the same time, each at its own pace, and Halo's
 * four sweeps run side by side.
 */

export interface ReadProgress {
  service: "halo" | "hudu";
  /** "clients", "sites", "users", "contracts", "companies", "layouts", "site assets", … */
  what: string;
  /** Pages read so far of this sweep. */
  page: number;
  /** Pages the sweep will take, when the service says how many records there are. */
  pages?: number;
  records: number;
  total?: number;
  /** Plain words: "reading Halo users, page 12 of 40". */
  message: string;
}

export type ReadProgressHandler = (progress: ReadProgress) => void;

function describe(p: Omit<ReadProgress, "message">): string {
  const service = p.service === "halo" ? "Halo" : "Hudu";
  if (p.page === 0) return `reading ${service} ${p.what}`;
  return `reading ${service} ${p.what}, page ${p.page}${p.pages ? ` of ${p.pages}` : ""}`;
}

async function sweepHalo<T>(
  what: string,
  listing: HaloListing<T>,
  onProgress: ReadProgressHandler,
  warnings: PlanWarning[],
): Promise<T[]> {
  const out: T[] = [];
  let page = -1;
  const report = () => {
    const total = listing.recordCount;
    const pages = total !== undefined ? Math.max(1, Math.ceil(total / HALO_PAGE_SIZE)) : undefined;
    const p = { service: "halo" as const, what, page: listing.pagesRead, pages, records: out.length, total };
    onProgress({ ...p, message: describe(p) });
  };
  for await (const record of listing) {
    out.push(record);
    if (listing.pagesRead !== page) {
      page = listing.pagesRead;
      report();
    }
  }
  report();
  for (const problem of listing.problems) warnings.push({ code: "halo-read", message: problem.message });
  return out;
}

async function sweepHudu<T>(what: string, read: () => Promise<T[]>, onProgress: ReadProgressHandler): Promise<T[]> {
  const start = { service: "hudu" as const, what, page: 0, records: 0 };
  onProgress({ ...start, message: describe(start) });
  const records = await read();
  const done = { ...start, records: records.length, total: records.length };
  onProgress({ ...done, message: `read ${records.length} Hudu ${what}` });
  return records;
}

/** Active and archived assets (Hudu lists archived ones only when asked), merged by id. */
async function withArchived<T extends { id: number }>(read: (archived: boolean) => Promise<T[]>): Promise<T[]> {
  const [active, archived] = [await read(false), await read(true)];
  const byId = new Map<number, T>();
  for (const record of [...active, ...archived]) byId.set(record.id, record);
  return [...byId.values()];
}

export interface ReadPlanInputOptions {
  db: Db;
  halo: HaloClient;
  hudu: HuduClient;
  settings?: SyncSettings;
  signal?: AbortSignal;
  onProgress?: ReadProgressHandler;
  now?: () => Date;
}

export async function loadPlanInput(options: ReadPlanInputOptions): Promise<PlanInput> {
  return readPlanInput(options).all;
}

/**
 * Reads the plan's input in two steps that overlap: `start` (Halo's clients and sites; Hudu's
 * companies, layouts and site assets: what companies and sites are planned from) is ready well
 * before `all` (Halo's users and contracts, the contact and contract assets), so an import can
 * write companies and sites while the rest is still being read. Both reject when a read fails.
 */
export function readPlanInput({
  db,
  halo,
  hudu,
  settings = loadSyncSettings({ db }),
  signal,
  onProgress = () => {},
  now = () => new Date(),
}: ReadPlanInputOptions): { start: Promise<PlanStartInput>; all: Promise<PlanInput> } {
  const readAt = now().toISOString();
  const onProblem = () => {}; // listings keep their problems; sweepHalo turns them into warnings
  // Each sweep's warnings apart, then in a fixed order: the plan must not depend on which finished first.
  const found = { clients: [] as PlanWarning[], sites: [] as PlanWarning[], users: [] as PlanWarning[], contracts: [] as PlanWarning[], hudu: [] as PlanWarning[] };

  // Halo's four sweeps at once: the limiter shares Halo's budget between them, and none waits for another's answers.
  const clients = sweepHalo("clients", halo.listClients({ includeInactive: true, onProblem, signal }), onProgress, found.clients);
  const sites = sweepHalo("sites", halo.listSites({ includeInactive: true, onProblem, signal }), onProgress, found.sites);
  const users = sweepHalo("users", halo.listUsers({ includeInactive: true, onProblem, signal }), onProgress, found.users);
  const contracts = sweepHalo("contracts", halo.listContracts({ includeInactive: true, onProblem, signal }), onProgress, found.contracts);

  // Hudu: companies, layouts and site assets first (the start needs them), then the rest.
  const huduAssets = (layout: HuduAssetLayout | undefined, type: AssetRecordType): Promise<HuduAsset[]> =>
    layout
      ? sweepHudu(`${type} assets ("${layout.name}")`, () => withArchived((archived) => hudu.listAssets({ assetLayoutId: layout.id, archived: archived || undefined, signal })), onProgress)
      : Promise.resolve([]);
  const huduStart = (async () => {
    const companies = await sweepHudu<HuduCompany>(
      "companies",
      () => hudu.listAllCompanies({ signal, onProblem: (p) => found.hudu.push({ code: "hudu-read", message: p.message }) }),
      onProgress,
    );
    const allLayouts = await sweepHudu<HuduAssetLayout>("layouts", () => hudu.listAssetLayouts(signal), onProgress);
    const layouts = chosenLayouts(settings, allLayouts);
    return { companies, layouts, siteAssets: await huduAssets(layouts.site, "site") };
  })();
  const huduRest = huduStart.then(async ({ layouts }) => ({ contact: await huduAssets(layouts.contact, "contact"), contract: await huduAssets(layouts.contract, "contract") }));

  const ours = () => ({
    decisions: listDecisions({ db }).map((d) => ({ haloClientId: d.haloClientId, kind: d.kind, huduCompanyId: d.huduCompanyId })),
    links: listSyncLinks({ db }).map((l) => ({ haloType: l.haloType, haloId: l.haloId, huduId: l.huduId, huduCompanyId: l.huduCompanyId, contentHash: l.contentHash })),
    settings,
    readAt,
  });
  const start = (async (): Promise<PlanStartInput> => {
    const [c, s, h] = await Promise.all([clients, sites, huduStart]);
    return {
      halo: { clients: c, sites: s },
      hudu: { companies: h.companies, layouts: h.layouts, assets: { site: h.siteAssets } },
      ...ours(),
      warnings: [...found.clients, ...found.sites, ...found.hudu],
    };
  })();
  const all = (async (): Promise<PlanInput> => {
    const [c, s, u, k, h, rest] = await Promise.all([clients, sites, users, contracts, huduStart, huduRest]);
    return {
      halo: { clients: c, sites: s, users: u, contracts: k },
      hudu: { companies: h.companies, layouts: h.layouts, assets: { site: h.siteAssets, ...rest } },
      ...ours(),
      warnings: [...found.clients, ...found.sites, ...found.users, ...found.contracts, ...found.hudu],
    };
  })();
  // A caller that stops at the first failure never awaits the other: neither may go unhandled.
  start.catch(() => undefined);
  all.catch(() => undefined);
  return { start, all };
}

/** Connects with the saved settings, reads everything and plans: what the preview and `plan` show. */
export async function preparePlan({
  db,
  connect = connectFromSettings,
  onEvent = () => {},
  signal,
  onProgress,
}: {
  db: Db;
  connect?: ConnectSources;
  onEvent?: HttpEventHandler;
  signal?: AbortSignal;
  onProgress?: ReadProgressHandler;
}): Promise<Plan> {
  const settings = loadSyncSettings({ db });
  const { halo, hudu } = await connect({ db, onEvent });
  const input = await loadPlanInput({ db, halo, hudu, settings, signal, onProgress });
  return buildPlan(input);
}
