import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { FixedWindowLimiter } from "@/lib/http/rate-limiter";
import { HuduClient } from "@/lib/hudu/client";
import { customFieldKey } from "@/lib/hudu/custom-fields";
import { loadSyncSettings } from "@/lib/sync/settings";
import { generateMsp } from "@/sim/data/generate";
import type { HuduData } from "@/sim/data/types";
import { startHuduSim } from "@/sim/hudu/server";
import { changesHudu, ensureLayouts } from "./ensure";
import { RECOMMENDED_LAYOUTS } from "./recommended";

/** `layouts ensure` against the Hudu simulator: three active layouts, then nothing more. */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0)) await clean();
});

async function setup(data?: HuduData) {
  const sim = await startHuduSim({ rateLimit: false, data });
  const opened = openDatabase(":memory:");
  cleanups.push(() => sim.close(), () => void opened.sqlite.close());
  const hudu = new HuduClient({ baseUrl: sim.url, apiKey: sim.apiKey, timeoutMs: 3000 }, { limiter: new FixedWindowLimiter({ limit: 1000, windowMs: 1000 }) });
  return { sim, hudu, db: opened.db as Db };
}

interface SimLayout {
  id: number;
  name: string;
  active: boolean;
  fields: Array<{ id: number; label: string; field_type: string; linkable_id: number | null; is_destroyed?: boolean }>;
}
const layoutsOf = (sim: { control: { state(): unknown } }) => (sim.control.state() as { assetLayouts: SimLayout[] }).assetLayouts;
const writes = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([k]) => /^(POST|PUT|PATCH|DELETE) /.test(k))
    .reduce((n, [, v]) => n + v, 0);

describe("ensureLayouts", () => {
  it("creates and activates the three recommended layouts with every mapped field, and a second run creates nothing", async () => {
    const { sim, hudu, db } = await setup();
    const before = layoutsOf(sim).length;

    const first = await ensureLayouts({ db, hudu, updatedBy: "test" });
    expect(first.error).toBeUndefined();
    expect(first.steps.filter((s) => s.kind === "create").map((s) => s.type)).toEqual(["site", "contact", "contract"]);

    const layouts = layoutsOf(sim);
    expect(layouts).toHaveLength(before + 3);
    const settings = loadSyncSettings({ db });
    for (const type of ["site", "contact", "contract"] as const) {
      const chosen = settings.layouts[type]!;
      const layout = layouts.find((l) => l.id === chosen.id)!;
      expect(layout.name).toBe(RECOMMENDED_LAYOUTS[type].name);
      expect(layout.active).toBe(true);
      const labels = layout.fields.filter((f) => !f.is_destroyed).map((f) => customFieldKey(f.label));
      for (const m of settings.mapping[type]) expect(labels).toContain(customFieldKey(m.label));
      expect(first.states[type]).toMatchObject({ usable: true, problems: [] });
    }
    // Contacts and contracts link to the Sites layout.
    const siteLayoutId = settings.layouts.site!.id;
    const contactSite = layouts.find((l) => l.id === settings.layouts.contact!.id)!.fields.find((f) => f.label === "Site")!;
    expect(contactSite).toMatchObject({ field_type: "AssetTag", linkable_id: siteLayoutId });

    sim.control.resetCounts();
    const second = await ensureLayouts({ db, hudu, updatedBy: "test" });
    expect(second.error).toBeUndefined();
    expect(second.steps.filter(changesHudu)).toEqual([]);
    expect(second.steps.map((s) => s.kind)).toEqual(["keep", "keep", "keep"]);
    expect(writes(sim.control.requestCounts())).toBe(0);
    expect(layoutsOf(sim)).toHaveLength(before + 3);
  });

  it("chooses a layout already named Contacts, activates it and adds a Halo ID field, keeping its fields and values", async () => {
    const data = generateMsp({ seed: 1, size: "tiny" }).hudu;
    // The generator's inactive "Contacts (old)" layout, renamed: Hudu has a Contacts layout, inactive, with no Halo ID.
    const old = data.assetLayouts.find((l) => !l.active)!;
    old.name = "Contacts";
    const { sim, hudu, db } = await setup(data);
    const fieldsBefore = old.fields.map((f) => f.label);

    const result = await ensureLayouts({ db, hudu, updatedBy: "test", only: ["site", "contact"] });
    expect(result.error).toBeUndefined();
    expect(result.steps.filter((s) => s.type === "contact").map((s) => s.kind)).toEqual(["choose", "activate", "add-fields"]);

    const layout = layoutsOf(sim).find((l) => l.id === old.id)!;
    expect(layout.active).toBe(true);
    const labels = layout.fields.filter((f) => !f.is_destroyed).map((f) => f.label);
    expect(labels).toEqual([...fieldsBefore, "Halo ID"]);
    const settings = loadSyncSettings({ db });
    expect(settings.layouts.contact).toEqual({ id: old.id, name: "Contacts" });
    // Its Email and Phone fields were mapped by label; the Halo id goes to the new field.
    expect(settings.mapping.contact).toEqual([
      { source: "email", label: "Email" },
      { source: "phone", label: "Phone" },
      { source: "haloId", label: "Halo ID" },
    ]);

    sim.control.resetCounts();
    const again = await ensureLayouts({ db, hudu, updatedBy: "test", only: ["site", "contact"] });
    expect(again.steps.filter(changesHudu)).toEqual([]);
    expect(writes(sim.control.requestCounts())).toBe(0);
  });

  it("does nothing when Hudu's layouts changed after the admin reviewed the steps", async () => {
    const { sim, hudu, db } = await setup();
    const reviewed = [{ kind: "create" as const, type: "site" as const, layoutName: "Sites", fields: [], mapping: [] }];
    const result = await ensureLayouts({ db, hudu, updatedBy: "test", expected: reviewed });
    expect(result.error).toMatch(/changed since you looked/);
    expect(writes(sim.control.requestCounts())).toBe(0);
  });
});
