import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { saveDecision } from "@/db/queries/match-decisions";
import { HaloClient } from "@/lib/halo/client";
import { FixedWindowLimiter, RollingWindowLimiter } from "@/lib/http/rate-limiter";
import { HuduClient } from "@/lib/hudu/client";
import { ensureLayouts } from "@/lib/layouts/ensure";
import { startSimulators, type RunningSimulators } from "@/sim";
import { loadPlanInput, type ReadProgress } from "./load";
import { buildPlan } from "./plan";
import type { Plan } from "./types";

/**
 * The plan of a fresh demo data set, read from the simulators, counts what the data holds:
 * every Halo record appears once, and what is created or skipped follows from the generated
 * records alone (counted here independently of the planner).
 */

let sims: RunningSimulators;
let db: Db;
let close: () => void;
let plan: Plan;
const progress: ReadProgress[] = [];

beforeAll(async () => {
  sims = await startSimulators({ size: "demo", seed: 3, halo: { rateLimit: false }, hudu: { rateLimit: false } });
  const opened = openDatabase(":memory:");
  db = opened.db;
  close = () => opened.sqlite.close();
  const halo = new HaloClient(
    { authUrl: sims.halo.authUrl, resourceUrl: sims.halo.resourceUrl, tenant: sims.halo.tenant, clientId: sims.halo.clientId, clientSecret: sims.halo.clientSecret },
    { limiter: new RollingWindowLimiter({ limit: 10_000, windowMs: 1000 }) },
  );
  const hudu = new HuduClient({ baseUrl: sims.hudu.url, apiKey: sims.hudu.apiKey }, { limiter: new FixedWindowLimiter({ limit: 10_000, windowMs: 1000 }) });

  const ensured = await ensureLayouts({ db, hudu, updatedBy: "test" });
  expect(ensured.error).toBeUndefined();
  // The board's decisions: the generator's true matches, and "create new" for every other client.
  const truth = new Map(sims.generated.truth.map((t) => [t.haloId, t.huduId]));
  for (const client of sims.generated.halo.clients) {
    const huduCompanyId = truth.get(client.id);
    saveDecision({
      db,
      decision: huduCompanyId ? { haloClientId: client.id, kind: "match", huduCompanyId } : { haloClientId: client.id, kind: "create" },
      decidedBy: "test",
      source: "manual",
    });
  }
  plan = buildPlan(await loadPlanInput({ db, halo, hudu, onProgress: (p) => progress.push(p) }));
}, 120_000);

afterAll(async () => {
  close?.();
  await sims?.close();
});

describe("the plan of a fresh demo data set", () => {
  it("has one item per Halo record, and reads no record twice or in pieces", () => {
    const { clients, sites, users, contracts } = sims.generated.halo;
    const count = (type: string) => plan.items.filter((i) => i.type === type).length;
    expect(count("company")).toBe(clients.length);
    expect(count("site")).toBe(sites.length);
    expect(count("contact")).toBe(users.length);
    expect(count("contract")).toBe(contracts.length);
    expect(new Set(plan.items.map((i) => i.key)).size).toBe(plan.items.length);
    expect(plan.warnings.filter((w) => w.code === "halo-read")).toEqual([]);
    // Whole sweeps, with "page n of m" progress.
    expect(progress.some((p) => p.service === "halo" && p.what === "users" && p.pages !== undefined && p.pages > 1)).toBe(true);
  });

  it("creates every active record of an active client and skips the rest, with the reason", () => {
    const { clients, sites, users, contracts } = sims.generated.halo;
    const activeClients = new Set(clients.filter((c) => !c.inactive).map((c) => c.id));
    const expected = {
      site: sites.filter((s) => activeClients.has(s.client_id) && !s.inactive).length,
      contact: users.filter((u) => activeClients.has(u.client_id) && !u.inactive).length,
      contract: contracts.filter((c) => activeClients.has(c.client_id) && c.active).length,
    };
    for (const type of ["site", "contact", "contract"] as const) {
      const all = plan.items.filter((i) => i.type === type).length;
      expect(plan.totals[type], type).toEqual({ create: expected[type], update: 0, unchanged: 0, archive: 0, skip: all - expected[type] });
    }
    const inactiveClients = clients.length - activeClients.size;
    expect(plan.items.filter((i) => i.skipReason === "client-inactive" && i.type === "company")).toHaveLength(inactiveClients);
    expect(plan.items.filter((i) => i.skipReason === "inactive" && i.type === "contact")).toHaveLength(
      users.filter((u) => activeClients.has(u.client_id) && u.inactive).length,
    );
  });

  it("creates a company for each active create-new client whose name Hudu does not have yet", () => {
    const truth = new Set(sims.generated.truth.map((t) => t.haloId));
    const squash = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
    const huduNames = new Set(sims.generated.hudu.companies.map((c) => squash(c.name)));
    const expected = sims.generated.halo.clients.filter((c) => !c.inactive && !truth.has(c.id) && !huduNames.has(squash(c.name))).length;
    expect(plan.totals.company.create).toBe(expected);
    // Every matched company is kept (update or unchanged), never created.
    const matchedActive = sims.generated.halo.clients.filter((c) => !c.inactive && truth.has(c.id)).length;
    const kept = plan.items.filter((i) => i.type === "company" && i.foundBy === "match").length;
    expect(kept).toBe(matchedActive);
  });

  it("carries what Halo's lists hold into the writes: the site's notes and address", () => {
    const activeClients = new Set(sims.generated.halo.clients.filter((c) => !c.inactive).map((c) => c.id));
    const sitesWithNotes = sims.generated.halo.sites.filter((s) => activeClients.has(s.client_id) && !s.inactive && s.notes?.trim());
    expect(sitesWithNotes.length).toBeGreaterThan(0);
    const fieldsOf = (key: string) => (plan.items.find((i) => i.key === key)?.write as { fields: Record<string, unknown> } | undefined)?.fields;
    for (const site of sitesWithNotes) expect(fieldsOf(`site:${site.id}`)?.notes, `site ${site.id}`).toBe(site.notes!.trim());
    const site = sims.generated.halo.sites.find((s) => activeClients.has(s.client_id) && !s.inactive)!;
    expect(fieldsOf(`site:${site.id}`)?.address).toMatchObject({ address_line_1: site.delivery_address.line1.trim() });
  });

  it("links each planned contact to its site's asset when the site is planned too", () => {
    const contacts = plan.items.filter((i) => i.type === "contact" && i.action === "create");
    const withLink = contacts.filter((i) => {
      const site = (i.write as { fields: Record<string, unknown> }).fields.site as { assetLink?: { key: string } } | undefined;
      return site?.assetLink?.key.startsWith("site:");
    });
    expect(withLink.length).toBeGreaterThan(contacts.length * 0.9);
  });
});
