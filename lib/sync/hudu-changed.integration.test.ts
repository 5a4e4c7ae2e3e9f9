import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDecision, listDecisions } from "@/db/queries/match-decisions";
import { getSyncLink } from "@/db/queries/sync-links";
import { importItems, type ImportItemRow, type JobRun } from "@/db/schema";
import { startJob, waitForJob } from "@/lib/jobs/runner";
import type { HuduData } from "@/sim/data/types";
import { huduFetch, summariseHuduState } from "@/sim/testing";
import { importJob } from "./import-job";
import { parseImportProgress } from "./import-progress";
import { setUpImport, writeRequests, type ImportSetup } from "./import-testing";
import { loadSyncSettings } from "./settings";
import { SKIP_REASON_TEXT } from "./types";

/**
 * Someone changes Hudu by hand between two imports: deletes or archives an asset, renames or
 * archives a company, deletes one, deactivates a layout. The next run repairs what it owns
 * (recreates the deleted asset and relinks what pointed at it, unarchives an asset whose Halo
 * record is active) and reports what it must not undo (an archived or deleted company, an
 * inactive layout); it never creates anything twice.
 */

const SEED = 11;

async function runImport(setup: ImportSetup): Promise<JobRun> {
  const started = startJob(importJob({ connect: setup.connect }), { db: setup.db, startedBy: "admin@example.com" });
  const run = await waitForJob(started.run.id);
  expect(run?.status, run?.error ?? "").toBe("succeeded");
  return run!;
}

const runWarnings = (run: JobRun) => parseImportProgress(JSON.parse(run.progressJson)).warnings;
const huduState = (setup: ImportSetup) => setup.sims.hudu.control.state() as HuduData;
const items = (setup: ImportSetup, runId: number): ImportItemRow[] => setup.db.select().from(importItems).where(eq(importItems.runId, runId)).all();

/** Hudu assets per Halo id, for one layout (archived ones too): a record created twice shows as two. */
function assetsOf(setup: ImportSetup, type: "site" | "contact" | "contract") {
  const layoutId = loadSyncSettings({ db: setup.db }).layouts[type]!.id;
  const out = new Map<number, number>();
  for (const asset of huduState(setup).assets.filter((a) => a.asset_layout_id === layoutId)) {
    const haloId = Number(asset.fields.find((f) => f.label === "Halo ID")?.value);
    out.set(haloId, (out.get(haloId) ?? 0) + 1);
  }
  return out;
}

function expectNothingTwice(setup: ImportSetup) {
  for (const type of ["site", "contact", "contract"] as const) {
    const twice = [...assetsOf(setup, type)].filter(([, n]) => n > 1);
    expect(twice, `${type} assets created twice`).toEqual([]);
  }
  const stamps = huduState(setup).companies.map((c) => c.id_number).filter((s) => s?.startsWith("halo:"));
  expect(new Set(stamps).size).toBe(stamps.length);
}

describe("Hudu changed by hand between two imports", () => {
  let setup: ImportSetup;
  let baseline: { companies: string[]; assets: string[] };

  beforeAll(async () => {
    setup = await setUpImport({ size: "tiny", seed: SEED });
    await runImport(setup);
    baseline = summariseHuduState(huduState(setup));
  }, 120_000);
  afterAll(() => setup?.close());

  it("an asset deleted by hand is created again, and the records that linked to it link to the new one", async () => {
    const { users } = setup.sims.generated.halo;
    // A site some imported contacts link to.
    const site = setup.sims.generated.halo.sites.find((s) => getSyncLink({ db: setup.db, haloType: "site", haloId: s.id }) && users.filter((u) => u.site_id === s.id && getSyncLink({ db: setup.db, haloType: "contact", haloId: u.id })).length >= 2)!;
    const link = getSyncLink({ db: setup.db, haloType: "site", haloId: site.id })!;
    expect((await huduFetch(setup.sims.hudu, "DELETE", `/companies/${link.huduCompanyId}/assets/${link.huduId}`)).status).toBe(204);
    const linkedContacts = users.filter((u) => u.site_id === site.id && getSyncLink({ db: setup.db, haloType: "contact", haloId: u.id })).length;
    const linkedContracts = setup.sims.generated.halo.contracts.filter((c) => c.site_id === site.id && getSyncLink({ db: setup.db, haloType: "contract", haloId: c.id })).length;

    setup.sims.hudu.control.resetCounts();
    const run = await runImport(setup);
    expect(writeRequests(setup.sims.hudu.control.requestCounts())).toEqual({
      "POST /api/v1/companies/:id/assets": 1,
      "PUT /api/v1/companies/:id/assets/:id": linkedContacts + linkedContracts,
    });
    const created = items(setup, run.id).filter((i) => i.outcome === "created");
    expect(created.map((i) => i.key)).toEqual([`site:${site.id}`]);
    expect(getSyncLink({ db: setup.db, haloType: "site", haloId: site.id })!.huduId).not.toBe(link.huduId);
    // As if nothing had happened: the summary names linked sites by name, so it is the same.
    expect(summariseHuduState(huduState(setup))).toEqual(baseline);
    expectNothingTwice(setup);
  });

  it("an asset archived by hand whose Halo record is active is unarchived, in one request", async () => {
    const user = setup.sims.generated.halo.users.find((u) => getSyncLink({ db: setup.db, haloType: "contact", haloId: u.id }))!;
    const link = getSyncLink({ db: setup.db, haloType: "contact", haloId: user.id })!;
    expect((await huduFetch(setup.sims.hudu, "PUT", `/companies/${link.huduCompanyId}/assets/${link.huduId}/archive`)).status).toBe(200);

    setup.sims.hudu.control.resetCounts();
    const run = await runImport(setup);
    expect(writeRequests(setup.sims.hudu.control.requestCounts())).toEqual({ "PUT /api/v1/companies/:id/assets/:id/unarchive": 1 });
    expect(items(setup, run.id).filter((i) => i.outcome === "updated").map((i) => i.key)).toEqual([`contact:${user.id}`]);
    expect(huduState(setup).assets.find((a) => a.id === link.huduId)?.archived).toBe(false);
    expect(summariseHuduState(huduState(setup))).toEqual(baseline);
  });

  it("a company renamed by hand keeps its new name and its records; nothing is created", async () => {
    const decision = listDecisions({ db: setup.db }).find((d) => d.kind === "match" && d.source === "import")!;
    expect((await huduFetch(setup.sims.hudu, "PUT", `/companies/${decision.huduCompanyId}`, { company: { name: "Renamed By Hand Ltd" } })).status).toBe(200);

    setup.sims.hudu.control.resetCounts();
    await runImport(setup);
    expect(writeRequests(setup.sims.hudu.control.requestCounts())).toEqual({});
    expect(huduState(setup).companies.find((c) => c.id === decision.huduCompanyId)?.name).toBe("Renamed By Hand Ltd");
    expect(getDecision({ db: setup.db, haloClientId: decision.haloClientId })).toMatchObject({ kind: "match", huduCompanyId: decision.huduCompanyId });
    expectNothingTwice(setup);
  });

  it("a company archived by hand is left archived, nothing is created elsewhere, and the run says so", async () => {
    const decision = listDecisions({ db: setup.db }).find((d) => d.kind === "match" && d.source !== "import" && setup.sims.generated.halo.users.some((u) => u.client_id === d.haloClientId && getSyncLink({ db: setup.db, haloType: "contact", haloId: u.id })))!;
    expect((await huduFetch(setup.sims.hudu, "PUT", `/companies/${decision.huduCompanyId}/archive`)).status).toBe(200);
    const name = huduState(setup).companies.find((c) => c.id === decision.huduCompanyId)!.name;
    // A new contact of that client in Halo meanwhile: it goes into the archived company (the match stands).
    const template = setup.sims.generated.halo.users.find((u) => u.client_id === decision.haloClientId && getSyncLink({ db: setup.db, haloType: "contact", haloId: u.id }))!;
    setup.sims.halo.editData((data) => {
      data.users.push({ ...template, id: 900_002, name: "Added Meanwhile", firstname: "Added", surname: "Meanwhile" });
    });

    setup.sims.hudu.control.resetCounts();
    const run = await runImport(setup);
    expect(writeRequests(setup.sims.hudu.control.requestCounts())).toEqual({ "POST /api/v1/companies/:id/assets": 1 });
    expect(getSyncLink({ db: setup.db, haloType: "contact", haloId: 900_002 })?.huduCompanyId).toBe(decision.huduCompanyId);
    expect(huduState(setup).companies.find((c) => c.id === decision.huduCompanyId)?.archived).toBe(true);
    expect(runWarnings(run).join(" ")).toContain(`Hudu company "${name.trim()}" (Halo client`);
    expect(runWarnings(run).join(" ")).toContain("is archived: its sites, contacts and contracts are kept up to date, but Hudu shows none of them until the company is unarchived.");
    expectNothingTwice(setup);

    expect((await huduFetch(setup.sims.hudu, "PUT", `/companies/${decision.huduCompanyId}/unarchive`)).status).toBe(200);
    setup.sims.hudu.control.resetCounts();
    const again = await runImport(setup);
    expect(writeRequests(setup.sims.hudu.control.requestCounts())).toEqual({});
    expect(runWarnings(again).join(" ")).not.toContain("is archived");
  });

  it("a company deleted by hand is reported (match the client again), never created again", async () => {
    const decision = listDecisions({ db: setup.db }).find((d) => d.kind === "match" && d.source === "import")!;
    const companies = huduState(setup).companies.length;
    expect((await huduFetch(setup.sims.hudu, "DELETE", `/companies/${decision.huduCompanyId}`)).status).toBe(204);

    setup.sims.hudu.control.resetCounts();
    const run = await runImport(setup);
    expect(writeRequests(setup.sims.hudu.control.requestCounts())).toEqual({});
    expect(huduState(setup).companies).toHaveLength(companies - 1);
    const company = items(setup, run.id).find((i) => i.key === `company:${decision.haloClientId}`)!;
    expect(company).toMatchObject({ outcome: "skipped", message: `Skipped: ${SKIP_REASON_TEXT["company-missing"]}.` });
    expectNothingTwice(setup);
  });

  it("a layout deactivated by hand: its records are skipped with the reason, nothing is created into it or twice, and once active again nothing moves", async () => {
    const layoutId = loadSyncSettings({ db: setup.db }).layouts.contract!.id;
    const layout = huduState(setup).assetLayouts.find((l) => l.id === layoutId)!;
    const put = (active: boolean) => huduFetch(setup.sims.hudu, "PUT", `/asset_layouts/${layoutId}`, { asset_layout: { ...layout, active, fields: layout.fields } });
    expect((await put(false)).status).toBe(200);
    // A new contract in Halo while the layout is off.
    const liveCompanies = new Set(huduState(setup).companies.filter((c) => !c.archived).map((c) => c.id));
    const template = setup.sims.generated.halo.contracts.find((c) => liveCompanies.has(getSyncLink({ db: setup.db, haloType: "contract", haloId: c.id })?.huduCompanyId ?? -1))!;
    setup.sims.halo.editData((data) => {
      data.contracts.push({ ...template, id: 900_001, ref: "NEW-WHILE-OFF" });
    });

    setup.sims.hudu.control.resetCounts();
    const run = await runImport(setup);
    expect(writeRequests(setup.sims.hudu.control.requestCounts())).toEqual({});
    const contracts = items(setup, run.id).filter((i) => i.type === "contract" && i.outcome === "skipped" && i.message === `Skipped: ${SKIP_REASON_TEXT["no-layout"]}.`);
    expect(contracts.map((i) => i.haloId)).toContain(900_001);
    expect(runWarnings(run).join(" ")).toContain(`"${layout.name}" is inactive`);

    expect((await put(true)).status).toBe(200);
    setup.sims.hudu.control.resetCounts();
    const again = await runImport(setup);
    expect(writeRequests(setup.sims.hudu.control.requestCounts())).toEqual({ "POST /api/v1/companies/:id/assets": 1 });
    expect(items(setup, again.id).filter((i) => i.outcome === "created").map((i) => i.key)).toEqual(["contract:900001"]);
    expectNothingTwice(setup);
  });
});
