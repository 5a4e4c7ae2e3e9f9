import type { Db } from "@/db";
import { listDecisions } from "@/db/queries/match-decisions";
import { listSyncLinks } from "@/db/queries/sync-links";
import { connectFromSettings, type ConnectSources } from "@/lib/connections/connect";
import { HALO_PAGE_SIZE, type HaloClient, type HaloListing } from "@/lib/halo";
import type { HttpEventHandler } from "@/lib/http/events";
import { chosenLayouts } from "@/lib/layouts/overview";
import type { HuduAssetLayout, HuduAssetSummary, HuduClient, HuduCompany } from "@/lib/hudu";
import { buildPlan } from "./plan";
import { RecordQueue } from "./record-queue";
import type { PlanInput, PlanRestSource, PlanStartInput } from "./plan-input";
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

/**
 * One Halo sweep, each record handed to `keep` as it is read, with progress per page; its
 * problems become warnings when it ends.
 */
async function sweepHalo<T>(
  what: string,
  listing: HaloListing<T>,
  onProgress: ReadProgressHandler,
  warnings: PlanWarning[],
  keep: (record: T) => void,
): Promise<void> {
  let records = 0;
  let page = -1;
  const report = () => {
    const total = listing.recordCount;
    const pages = total !== undefined ? Math.max(1, Math.ceil(total / HALO_PAGE_SIZE)) : undefined;
    const p = { service: "halo" as const, what, page: listing.pagesRead, pages, records, total };
    onProgress({ ...p, message: describe(p) });
  };
  for await (const record of listing) {
    keep(record);
    records++;
    if (listing.pagesRead !== page) {
      page = listing.pagesRead;
      report();
    }
  }
  report();
  for (const problem of listing.problems) warnings.push({ code: "halo-read", message: problem.message });
}

/** A Halo sweep read whole into an array. */
async function collectHalo<T>(what: string, listing: HaloListing<T>, onProgress: ReadProgressHandler, warnings: PlanWarning[]): Promise<T[]> {
  const out: T[] = [];
  await sweepHalo(what, listing, onProgress, warnings, (record) => out.push(record));
  return out;
}

/** A Halo sweep as a queue its reader takes records from while it is read (the sweep starts now). */
function streamHalo<T>(what: string, listing: HaloListing<T>, onProgress: ReadProgressHandler, warnings: PlanWarning[]): RecordQueue<T> {
  const queue = new RecordQueue<T>();
  sweepHalo(what, listing, onProgress, warnings, (record) => queue.push(record)).then(
    () => queue.end(),
    (error: unknown) => queue.end(error),
  );
  return queue;
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

/** Everything the plan needs, read whole (the preview, `plan`): readPlanInput's two parts put together. */
export async function loadPlanInput(options: ReadPlanInputOptions): Promise<PlanInput> {
  const reads = readPlanInput(options);
  const [start, rest] = await Promise.all([reads.start, reads.rest]);
  const [users, contracts] = [await collect(rest.users), await collect(rest.contracts)];
  return {
    ...start,
    halo: { ...start.halo, users, contracts },
    hudu: { ...start.hudu, assets: { ...start.hudu.assets, ...rest.assets } },
    warnings: [...(start.warnings ?? []), ...rest.warnings()],
  };
}

async function collect<T>(records: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const record of records) out.push(record);
  return out;
}

/**
 * Reads the plan's input in two parts that overlap: `start` (Halo's clients and sites; Hudu's
 * companies, layouts and site assets: what companies and sites are planned from) is ready well
 * before Halo's users and contracts are read, so an import can write companies and sites in the
 * meantime; `rest` is ready once Hudu's contact and contract assets are, and hands over Halo's
 * users and contracts as they come, so the import plans each as it arrives instead of holding
 * them all. All six sweeps start at once. Both parts reject when a read fails.
 */
export function readPlanInput({
  db,
  halo,
  hudu,
  settings = loadSyncSettings({ db }),
  signal,
  onProgress = () => {},
  now = () => new Date(),
}: ReadPlanInputOptions): { start: Promise<PlanStartInput>; rest: Promise<PlanRestSource> } {
  const readAt = now().toISOString();
  const onProblem = keepProblems;
  // Each sweep's warnings apart, then in a fixed order: the plan must not depend on which finished first.
  const found = { clients: [] as PlanWarning[], sites: [] as PlanWarning[], users: [] as PlanWarning[], contracts: [] as PlanWarning[], hudu: [] as PlanWarning[] };

  // Halo's four sweeps at once: the limiter shares Halo's budget between them, and none waits for another's answers.
  const clients = collectHalo("clients", halo.listClients({ includeInactive: true, onProblem, signal }), onProgress, found.clients);
  const sites = collectHalo("sites", halo.listSites({ includeInactive: true, onProblem, signal }), onProgress, found.sites);
  const users = streamHalo("users", halo.listUsers({ includeInactive: true, onProblem, signal }), onProgress, found.users);
  const contracts = streamHalo("contracts", halo.listContracts({ includeInactive: true, onProblem, signal }), onProgress, found.contracts);

  // Hudu: companies and layouts at once, then the three layouts' assets at once. Contacts are
  // planned only once their assets are in, and Halo's users wait in memory until then.
  const huduAssets = (layout: HuduAssetLayout | undefined, type: AssetRecordType): Promise<HuduAssetSummary[]> =>
    layout
      ? sweepHudu(`${type} assets ("${layout.name}")`, () => withArchived((archived) => hudu.listAssetSummaries({ assetLayoutId: layout.id, archived: archived || undefined, signal })), onProgress)
      : Promise.resolve([]);
  const companies = sweepHudu<HuduCompany>(
    "companies",
    () => hudu.listAllCompanies({ signal, onProblem: (p) => found.hudu.push({ code: "hudu-read", message: p.message }) }),
    onProgress,
  );
  const layouts = sweepHudu<HuduAssetLayout>("layouts", () => hudu.listAssetLayouts(signal), onProgress).then((all) => chosenLayouts(settings, all));
  const assets = {
    site: layouts.then((l) => huduAssets(l.site, "site")),
    contact: layouts.then((l) => huduAssets(l.contact, "contact")),
    contract: layouts.then((l) => huduAssets(l.contract, "contract")),
  };
  const huduStart = Promise.all([companies, layouts, assets.site]).then(([companies, layouts, siteAssets]) => ({ companies, layouts, siteAssets }));

  const start = (async (): Promise<PlanStartInput> => {
    const [c, s, h] = await Promise.all([clients, sites, huduStart]);
    return {
      halo: { clients: c, sites: s },
      hudu: { companies: h.companies, layouts: h.layouts, assets: { site: h.siteAssets } },
      decisions: listDecisions({ db }).map((d) => ({ haloClientId: d.haloClientId, kind: d.kind, huduCompanyId: d.huduCompanyId })),
      links: listSyncLinks({ db }).map((l) => ({ haloType: l.haloType, haloId: l.haloId, huduId: l.huduId, huduCompanyId: l.huduCompanyId, contentHash: l.contentHash })),
      settings,
      readAt,
      warnings: [...found.clients, ...found.sites, ...found.hudu],
    };
  })();
  const rest = Promise.all([assets.contact, assets.contract]).then(([contact, contract]) => restSource({ contact, contract }, users, contracts, found));
  // A caller that stops at the first failure never awaits the other: neither may go unhandled.
  start.catch(() => undefined);
  rest.catch(() => undefined);
  return { start, rest };
}

/**
 * The listings' problem handler (they keep their problems; sweepHalo turns them into warnings).
 * Out here, not made in readPlanInput: a listing holds it until its sweep ends, and a closure
 * made there would keep every read of readPlanInput (all companies and sites) alive that long.
 */
const keepProblems = () => {};

/**
 * Out here so the source holds only what it is given: a closure made inside readPlanInput would
 * keep all of its reads (every company and site) alive for as long as the contacts are planned.
 */
function restSource(
  assets: PlanRestSource["assets"],
  users: PlanRestSource["users"],
  contracts: PlanRestSource["contracts"],
  found: { users: PlanWarning[]; contracts: PlanWarning[] },
): PlanRestSource {
  return { assets, users, contracts, warnings: () => [...found.users, ...found.contracts] };
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
