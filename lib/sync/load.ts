import type { Db } from "@/db";
import { listDecisions } from "@/db/queries/match-decisions";
import { listSyncLinks } from "@/db/queries/sync-links";
import { connectFromSettings, type ConnectSources } from "@/lib/connections/connect";
import { HALO_PAGE_SIZE, type HaloClient, type HaloListing } from "@/lib/halo";
import type { HttpEventHandler } from "@/lib/http/events";
import { chosenLayouts } from "@/lib/layouts/overview";
import type { HuduAsset, HuduAssetLayout, HuduClient, HuduCompany } from "@/lib/hudu";
import { buildPlan } from "./plan";
import type { PlanInput } from "./plan-input";
import { loadSyncSettings } from "./settings";
import type { SyncSettings } from "./settings-schema";
import { assetRecordTypes, type AssetRecordType, type Plan, type PlanWarning } from "./types";

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

export async function loadPlanInput({
  db,
  halo,
  hudu,
  settings = loadSyncSettings({ db }),
  signal,
  onProgress = () => {},
  now = () => new Date(),
}: {
  db: Db;
  halo: HaloClient;
  hudu: HuduClient;
  settings?: SyncSettings;
  signal?: AbortSignal;
  onProgress?: ReadProgressHandler;
  now?: () => Date;
}): Promise<PlanInput> {
  const readAt = now().toISOString();
  const onProblem = () => {}; // listings keep their problems; sweepHalo turns them into warnings

  // The four sweeps at once: the limiter shares Halo's budget between them, and none waits for another's answers.
  const readHalo = async () => {
    // Each sweep's warnings apart, then in type order: the plan must not depend on which finished first.
    const found: PlanWarning[][] = [[], [], [], []];
    const [clients, sites, users, contracts] = await Promise.all([
      sweepHalo("clients", halo.listClients({ includeInactive: true, onProblem, signal }), onProgress, found[0]),
      sweepHalo("sites", halo.listSites({ includeInactive: true, onProblem, signal }), onProgress, found[1]),
      sweepHalo("users", halo.listUsers({ includeInactive: true, onProblem, signal }), onProgress, found[2]),
      sweepHalo("contracts", halo.listContracts({ includeInactive: true, onProblem, signal }), onProgress, found[3]),
    ]);
    return { data: { clients, sites, users, contracts }, warnings: found.flat() };
  };

  const readHudu = async (warnings: PlanWarning[]) => {
    const companies = await sweepHudu<HuduCompany>(
      "companies",
      () => hudu.listAllCompanies({ signal, onProblem: (p) => warnings.push({ code: "hudu-read", message: p.message }) }),
      onProgress,
    );
    const allLayouts = await sweepHudu<HuduAssetLayout>("layouts", () => hudu.listAssetLayouts(signal), onProgress);
    const layouts = chosenLayouts(settings, allLayouts);
    const assets: Record<AssetRecordType, HuduAsset[]> = { site: [], contact: [], contract: [] };
    for (const type of assetRecordTypes) {
      const layout = layouts[type];
      if (!layout) continue;
      assets[type] = await sweepHudu(`${type} assets ("${layout.name}")`, () => withArchived((archived) => hudu.listAssets({ assetLayoutId: layout.id, archived: archived || undefined, signal })), onProgress);
    }
    return { companies, layouts, assets };
  };

  const huduWarnings: PlanWarning[] = [];
  const [haloRead, huduData] = await Promise.all([readHalo(), readHudu(huduWarnings)]);
  const warnings = [...haloRead.warnings, ...huduWarnings];
  const decisions = listDecisions({ db }).map((d) => ({ haloClientId: d.haloClientId, kind: d.kind, huduCompanyId: d.huduCompanyId }));
  const links = listSyncLinks({ db }).map((l) => ({ haloType: l.haloType, haloId: l.haloId, huduId: l.huduId, huduCompanyId: l.huduCompanyId, contentHash: l.contentHash }));
  return { halo: haloRead.data, hudu: huduData, decisions, links, settings, readAt, warnings };
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
