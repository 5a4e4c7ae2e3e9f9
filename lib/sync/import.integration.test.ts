import { hostname } from "node:os";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { countImportItems, listFailedImportItems } from "@/db/queries/import-items";
import { getDecision, listDecisions } from "@/db/queries/match-decisions";
import { getSyncLink, listSyncLinks } from "@/db/queries/sync-links";
import { importItems, jobRuns, matchDecisions, syncLinks, type JobRun } from "@/db/schema";
import { recoverJobs, requestJob, resumeJob, startJob, waitForJob } from "@/lib/jobs/runner";
import type { JobKind } from "@/lib/jobs/types";
import { customFieldKey } from "@/lib/hudu/custom-fields";
import type { HuduData } from "@/sim/data/types";
import { summariseHuduState } from "@/sim/testing";
import { importJob } from "./import-job";
import { setUpImport, writeRequests, type ImportSetup } from "./import-testing";
import { loadSyncSettings } from "./settings";

/**
 * Imports against the simulators, end to end: what lands in Hudu, that a re-run changes nothing,
 * that one change in Halo is one update and a removal one archive, and that a run interrupted
 * part-way (its process gone, a create's answer lost) ends exactly like an uninterrupted one.
 */

async function runImport(setup: ImportSetup, startedBy = "admin@example.com"): Promise<JobRun> {
  const started = startJob(importJob({ connect: setup.connect }), { db: setup.db, startedBy });
  expect(started.status).toBe("started");
  const run = await waitForJob(started.run.id);
  expect(run?.status, run?.error ?? "").toBe("succeeded");
  return run!;
}

function outcomes(db: Db, runId: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of countImportItems({ db, runId })) out[row.outcome ?? "open"] = (out[row.outcome ?? "open"] ?? 0) + row.n;
  return out;
}

const huduState = (setup: ImportSetup) => setup.sims.hudu.control.state() as HuduData;

/** Each layout's assets by the Halo id in their Halo ID field. */
function assetsByHaloId(setup: ImportSetup, type: "site" | "contact" | "contract") {
  const settings = loadSyncSettings({ db: setup.db });
  const layoutId = settings.layouts[type]!.id;
  const haloIdKey = customFieldKey(settings.mapping[type].find((m) => m.source === "haloId")!.label);
  const out = new Map<number, HuduData["assets"]>();
  for (const asset of huduState(setup).assets.filter((a) => a.asset_layout_id === layoutId)) {
    const field = asset.fields.find((f) => customFieldKey(f.label) === haloIdKey);
    const haloId = Number(field?.value);
    out.set(haloId, [...(out.get(haloId) ?? []), asset]);
  }
  return out;
}

describe("an import of the demo data set", () => {
  let setup: ImportSetup;
  let first: JobRun;

  beforeAll(async () => {
    setup = await setUpImport({ size: "demo", seed: 3 });
    setup.sims.hudu.control.resetCounts();
    first = await runImport(setup);
  }, 300_000);
  afterAll(() => setup?.close());

  it("gives Hudu exactly the expected companies: every create-new client once, stamped with its Halo id", () => {
    const { halo, hudu, truth } = setup.sims.generated;
    const matched = new Set(truth.map((t) => t.haloId));
    const squash = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
    const existingNames = new Set(hudu.companies.map((c) => squash(c.name)));
    const toCreate = halo.clients.filter((c) => !c.inactive && !matched.has(c.id) && !existingNames.has(squash(c.name)));
    expect(toCreate.length).toBeGreaterThan(5);

    const now = huduState(setup).companies;
    expect(now).toHaveLength(hudu.companies.length + toCreate.length);
    for (const client of toCreate) {
      const created = now.filter((c) => c.id_number === `halo:${client.id}`);
      expect(created, client.name).toHaveLength(1);
      expect(squash(created[0].name)).toBe(squash(client.name));
      // The create-new decision became a match to it, recorded as the import's.
      expect(getDecision({ db: setup.db, haloClientId: client.id })).toMatchObject({ kind: "match", huduCompanyId: created[0].id, source: "import", decidedBy: "admin@example.com" });
    }
    expect(outcomes(setup.db, first.id).failed ?? 0).toBe(0);
  });

  it("gives Hudu one asset per imported site, contact and contract, in its company, contacts and contracts linked to their site's asset", () => {
    const { halo, truth } = setup.sims.generated;
    const companyOf = new Map<number, number>(truth.map((t) => [t.haloId, t.huduId]));
    for (const d of listDecisions({ db: setup.db })) if (d.kind === "match" && d.huduCompanyId) companyOf.set(d.haloClientId, d.huduCompanyId);
    const activeClients = new Set(halo.clients.filter((c) => !c.inactive && companyOf.has(c.id)).map((c) => c.id));

    const sites = assetsByHaloId(setup, "site");
    const expectedSites = halo.sites.filter((s) => activeClients.has(s.client_id) && !s.inactive);
    expect(sites.size).toBe(expectedSites.length);
    for (const site of expectedSites) {
      const assets = sites.get(site.id) ?? [];
      expect(assets, `site ${site.id}`).toHaveLength(1);
      expect(assets[0].company_id).toBe(companyOf.get(site.client_id));
    }

    const contacts = assetsByHaloId(setup, "contact");
    const expectedContacts = halo.users.filter((u) => activeClients.has(u.client_id) && !u.inactive);
    expect(contacts.size).toBe(expectedContacts.length);
    let linked = 0;
    for (const user of expectedContacts) {
      const assets = contacts.get(user.id) ?? [];
      expect(assets, `user ${user.id}`).toHaveLength(1);
      expect(assets[0].company_id).toBe(companyOf.get(user.client_id));
      const siteAsset = sites.get(user.site_id)?.[0];
      if (!siteAsset) continue;
      expect(assets[0].fields.find((f) => f.label === "Site")?.value, `site link of user ${user.id}`).toEqual([siteAsset.id]);
      linked++;
    }
    expect(linked).toBeGreaterThan(expectedContacts.length * 0.9);

    const contracts = assetsByHaloId(setup, "contract");
    const expectedContracts = halo.contracts.filter((c) => activeClients.has(c.client_id) && c.active);
    expect(contracts.size).toBe(expectedContracts.length);
    for (const contract of expectedContracts) {
      const assets = contracts.get(contract.id) ?? [];
      expect(assets, `contract ${contract.id}`).toHaveLength(1);
      const siteAsset = contract.site_id ? sites.get(contract.site_id)?.[0] : undefined;
      if (siteAsset) expect(assets[0].fields.find((f) => f.label === "Site")?.value).toEqual([siteAsset.id]);
    }
    // Every asset created is linked in our database, with what we wrote.
    expect(listSyncLinks({ db: setup.db })).toHaveLength(sites.size + contacts.size + contracts.size);
  });

  it("a second run makes no write at all", async () => {
    setup.sims.hudu.control.resetCounts();
    const second = await runImport(setup);
    expect(writeRequests(setup.sims.hudu.control.requestCounts())).toEqual({});
    const counts = outcomes(setup.db, second.id);
    const before = outcomes(setup.db, first.id);
    expect(counts.created ?? 0).toBe(0);
    expect(counts.updated ?? 0).toBe(0);
    expect(counts.archived ?? 0).toBe(0);
    // Everything the first run wrote or left alone is now unchanged; the skips are the same.
    expect(counts.unchanged).toBe((before.created ?? 0) + (before.updated ?? 0) + (before.unchanged ?? 0));
    expect(counts.skipped).toBe(before.skipped);
  });

  it("one changed Halo field gives exactly one update of that asset", async () => {
    const user = setup.sims.generated.halo.users.find((u) => getSyncLink({ db: setup.db, haloType: "contact", haloId: u.id }) && u.emailaddress)!;
    setup.sims.halo.editData((data) => {
      data.users.find((u) => u.id === user.id)!.title = "Head of Everything";
    });
    setup.sims.hudu.control.resetCounts();
    const run = await runImport(setup);
    const assetId = getSyncLink({ db: setup.db, haloType: "contact", haloId: user.id })!.huduId;
    expect(writeRequests(setup.sims.hudu.control.requestCounts())).toEqual({ "PUT /api/v1/companies/:id/assets/:id": 1 });
    expect(outcomes(setup.db, run.id).updated).toBe(1);
    const asset = huduState(setup).assets.find((a) => a.id === assetId)!;
    expect(asset.fields.find((f) => f.label === "Job Title")?.value).toBe("Head of Everything");
  });

  it("a record gone from Halo, and one made inactive, are archived in Hudu, never deleted", async () => {
    const linked = setup.sims.generated.halo.users.filter((u) => getSyncLink({ db: setup.db, haloType: "contact", haloId: u.id }));
    const [gone, inactive] = [linked[5], linked[6]];
    const goneAsset = getSyncLink({ db: setup.db, haloType: "contact", haloId: gone.id })!.huduId;
    const inactiveAsset = getSyncLink({ db: setup.db, haloType: "contact", haloId: inactive.id })!.huduId;
    setup.sims.halo.editData((data) => {
      data.users = data.users.filter((u) => u.id !== gone.id);
      data.users.find((u) => u.id === inactive.id)!.inactive = true;
    });
    setup.sims.hudu.control.resetCounts();
    const run = await runImport(setup);
    expect(writeRequests(setup.sims.hudu.control.requestCounts())).toEqual({ "PUT /api/v1/companies/:id/assets/:id/archive": 2 });
    expect(outcomes(setup.db, run.id).archived).toBe(2);
    const assets = huduState(setup).assets;
    expect(assets.find((a) => a.id === goneAsset)?.archived).toBe(true);
    expect(assets.find((a) => a.id === inactiveAsset)?.archived).toBe(true);
  });
});

describe("an interrupted import ends exactly like an uninterrupted one", () => {
  const SEED = 11;
  let baseline: { companies: string[]; assets: string[] };

  beforeAll(async () => {
    const setup = await setUpImport({ size: "tiny", seed: SEED });
    try {
      await runImport(setup);
      baseline = summariseHuduState(huduState(setup));
    } finally {
      await setup.close();
    }
    expect(baseline.assets.length).toBeGreaterThan(40);
  }, 120_000);

  it("when creates' answers are lost after Hudu applied them, nothing is created twice", async () => {
    const setup = await setUpImport({ size: "tiny", seed: SEED });
    try {
      setup.sims.hudu.control.dropAnswerNext({ count: 2, match: { method: "POST", path: "/api/v1/companies" } });
      setup.sims.hudu.control.dropAnswerNext({ count: 5, match: { method: "POST", path: "/api/v1/companies/:id/assets" } });
      const run = await runImport(setup);
      expect(summariseHuduState(huduState(setup))).toEqual(baseline);
      const found = setup.db.select().from(importItems).where(eq(importItems.runId, run.id)).all().filter((i) => i.message?.startsWith("Found in Hudu"));
      expect(found.filter((i) => i.type === "company")).toHaveLength(2);
      expect(found.filter((i) => i.type !== "company")).toHaveLength(5);
      expect(listFailedImportItems({ db: setup.db, runId: run.id })).toEqual([]);
    } finally {
      await setup.close();
    }
  }, 120_000);

  it("pauses part-way, resumes, and ends the same", async () => {
    const setup = await setUpImport({ size: "tiny", seed: SEED });
    try {
      const { job, started } = await startPartWay(setup);
      expect(requestJob({ db: setup.db, id: started.run.id, request: "pause" }).status).toBe("requested");
      const paused = await waitForJob(started.run.id);
      expect(paused?.status).toBe("paused");
      expect(outcomes(setup.db, started.run.id).open).toBeGreaterThan(0);
      setup.sims.hudu.control.setLatency(0);
      expect(resumeJob(job, { db: setup.db, id: started.run.id }).status).toBe("resumed");
      const final = await waitForJob(started.run.id);
      expect(final?.status).toBe("succeeded");
      expect(summariseHuduState(huduState(setup))).toEqual(baseline);
    } finally {
      await setup.close();
    }
  }, 120_000);

  it("when its process dies part-way (creates in flight, some applied but never recorded), the resumed run finishes the job", async () => {
    const setup = await setUpImport({ size: "tiny", seed: SEED });
    try {
      const { job, started } = await startPartWay(setup);

      // The process "dies": its run row now names an owner that no longer exists, so this
      // process's heartbeat finds the run gone and stops, abandoning what is in flight.
      setup.db.update(jobRuns).set({ owner: `${hostname()}/2147483646/1` }).where(eq(jobRuns.id, started.run.id)).run();
      const abandoned = await waitForJob(started.run.id);
      expect(abandoned?.status).toBe("running");
      setup.sims.hudu.control.setLatency(0);

      // Make it harsher: three creates Hudu applied whose outcome was never recorded.
      const created = setup.db.select().from(importItems).where(eq(importItems.runId, started.run.id)).all().filter((i) => i.outcome === "created");
      const company = created.find((i) => i.type === "company");
      const assets = created.filter((i) => i.type !== "company").slice(0, 2);
      expect(assets).toHaveLength(2);
      for (const item of [...(company ? [company] : []), ...assets]) {
        setup.db.update(importItems).set({ state: "sending", outcome: null, huduId: null, finishedAt: null, message: null }).where(eq(importItems.key, item.key)).run();
        if (item.type === "company") {
          setup.db.update(matchDecisions).set({ kind: "create", huduCompanyId: null, huduCompanyName: null, source: "manual" }).where(eq(matchDecisions.haloClientId, item.haloId)).run();
        } else {
          setup.db.delete(syncLinks).where(eq(syncLinks.haloId, item.haloId)).run();
        }
      }

      // Start-up: the dead run is resumed (an import can resume) and finishes.
      const { resumed } = recoverJobs({ db: setup.db, kinds: { import: job as unknown as JobKind<object> } });
      expect(resumed.map((r) => r.id)).toEqual([started.run.id]);
      const final = await waitForJob(started.run.id);
      expect(final?.status, final?.error ?? "").toBe("succeeded");
      expect(summariseHuduState(huduState(setup))).toEqual(baseline);
      expect(outcomes(setup.db, started.run.id).open).toBeUndefined();
    } finally {
      await setup.close();
    }
  }, 120_000);

  /** A run whose reading of Halo's users fails (short read) once companies and sites were written. */
  async function failAfterCompaniesAndSites(setup: ImportSetup): Promise<JobRun> {
    setup.sims.halo.setRecordCountExtra({ Users: 4 });
    const started = startJob(importJob({ connect: setup.connect }), { db: setup.db, startedBy: "admin@example.com" });
    const run = (await waitForJob(started.run.id))!;
    setup.sims.halo.setRecordCountExtra({});
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/Halo reported \d+ users but sent \d+/);
    const saved = countImportItems({ db: setup.db, runId: run.id });
    expect(saved.filter((c) => c.type === "contact" || c.type === "contract")).toEqual([]);
    expect(saved.filter((c) => c.type === "site" && c.outcome === "created").reduce((n, c) => n + c.n, 0)).toBeGreaterThan(5);
    return run;
  }

  it("when reading users fails after companies and sites were written, the run stops; the next one finishes the job", async () => {
    const setup = await setUpImport({ size: "tiny", seed: SEED });
    try {
      await failAfterCompaniesAndSites(setup);
      await runImport(setup);
      expect(summariseHuduState(huduState(setup))).toEqual(baseline);
    } finally {
      await setup.close();
    }
  }, 120_000);

  it("when its process dies with only companies and sites saved, the resumed run plans the rest and finishes the job", async () => {
    const setup = await setUpImport({ size: "tiny", seed: SEED });
    try {
      const run = await failAfterCompaniesAndSites(setup);
      // As if its process had died right after saving companies and sites.
      setup.db.update(jobRuns).set({ status: "running", error: null, finishedAt: null, owner: `${hostname()}/2147483646/1` }).where(eq(jobRuns.id, run.id)).run();
      const { resumed } = recoverJobs({ db: setup.db, kinds: { import: importJob({ connect: setup.connect }) as unknown as JobKind<object> } });
      expect(resumed.map((r) => r.id)).toEqual([run.id]);
      const final = await waitForJob(run.id);
      expect(final?.status, final?.error ?? "").toBe("succeeded");
      expect(outcomes(setup.db, run.id).open).toBeUndefined();
      expect(summariseHuduState(huduState(setup))).toEqual(baseline);
    } finally {
      await setup.close();
    }
  }, 120_000);
});

describe("a run that meets trouble", () => {
  it("records a record Hudu refuses (422) with Hudu's message and goes on with the rest", async () => {
    const setup = await setUpImport({ size: "tiny", seed: 5 });
    try {
      setup.sims.hudu.control.failNext({
        status: 422,
        body: { error: "Invalid custom field value", details: ["Email is not a valid e-mail address"] },
        match: { method: "POST", path: "/api/v1/companies/:id/assets" },
      });
      const run = await runImport(setup);
      const failed = listFailedImportItems({ db: setup.db, runId: run.id });
      expect(failed).toHaveLength(1);
      expect(failed[0].message).toContain("Email is not a valid e-mail address");
      expect(outcomes(setup.db, run.id).created).toBeGreaterThan(20);
      // The next run creates the one that failed; the only updates are the records that link to
      // it (a failed site's contacts and contracts were created without their site).
      setup.sims.hudu.control.resetCounts();
      const again = await runImport(setup);
      const items = setup.db.select().from(importItems).where(eq(importItems.runId, again.id)).all();
      expect(items.filter((i) => i.outcome === "created").map((i) => i.key)).toEqual([failed[0].key]);
      const updated = items.filter((i) => i.outcome === "updated");
      const { users, contracts } = setup.sims.generated.halo;
      const linksToFailed = (i: (typeof items)[number]) =>
        failed[0].type === "site" &&
        (i.type === "contact" ? users.find((u) => u.id === i.haloId)?.site_id === failed[0].haloId : contracts.find((c) => c.id === i.haloId)?.site_id === failed[0].haloId);
      expect(updated.filter((i) => !linksToFailed(i))).toEqual([]);
      expect(writeRequests(setup.sims.hudu.control.requestCounts())).toEqual({
        "POST /api/v1/companies/:id/assets": 1,
        ...(updated.length > 0 ? { "PUT /api/v1/companies/:id/assets/:id": updated.length } : {}),
      });
    } finally {
      await setup.close();
    }
  }, 120_000);

  it("stops with the reason when Hudu refuses the key, leaving the rest for the next run", async () => {
    const setup = await setUpImport({ size: "tiny", seed: 5 });
    try {
      setup.sims.hudu.control.failNext({ status: 401, count: 50, body: { error: "Invalid API key" }, match: { method: "POST" } });
      const started = startJob(importJob({ connect: setup.connect }), { db: setup.db, startedBy: "admin@example.com" });
      const run = await waitForJob(started.run.id);
      expect(run?.status).toBe("failed");
      expect(run?.error).toMatch(/Hudu refused the API key/);
      expect(outcomes(setup.db, run!.id).failed ?? 0).toBe(0);
    } finally {
      await setup.close();
    }
  }, 120_000);
});

/** Starts an import on a slowed-down Hudu and returns once it is part-way (a dozen creates done). */
async function startPartWay(setup: ImportSetup) {
  setup.sims.hudu.control.setLatency(15);
  // A few requests at a time, so the run is still part-way when it is stopped (the default,
  // sized for the tests' generous limit, would finish the tiny data set first).
  const job = importJob({ connect: setup.connect, concurrency: 4 });
  const started = startJob(job, { db: setup.db, startedBy: "admin@example.com" });
  await waitUntil(() => (outcomes(setup.db, started.run.id).created ?? 0) >= 12);
  return { job, started };
}

async function waitUntil(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}
