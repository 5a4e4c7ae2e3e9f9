import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { saveDecision } from "@/db/queries/match-decisions";
import { FixedWindowLimiter } from "@/lib/http/rate-limiter";
import { HuduClient } from "@/lib/hudu/client";
import { huduMatcherSchema } from "@/lib/hudu/schemas";
import { generateMsp } from "@/sim/data/generate";
import type { HuduData } from "@/sim/data/types";
import { startHuduSim } from "@/sim/hudu/server";
import { listDecisions } from "@/db/queries/match-decisions";
import { startJob, waitForJob } from "@/lib/jobs/runner";
import { safeJson } from "@/lib/jobs/progress";
import { importJob } from "./import-job";
import { parseImportProgress } from "./import-progress";
import { setUpImport } from "./import-testing";
import { planMatcherChanges, reviewMatchers, saveMatcherOptions, syncHuduMatchers } from "./matchers";

/** Writing the board's decisions into Hudu's own Halo matchers, against the Hudu simulator. */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0)) await clean();
});

async function setup(data: HuduData) {
  const sim = await startHuduSim({ rateLimit: false, data });
  const opened = openDatabase(":memory:");
  cleanups.push(() => sim.close(), () => void opened.sqlite.close());
  const hudu = new HuduClient({ baseUrl: sim.url, apiKey: sim.apiKey, timeoutMs: 3000 }, { limiter: new FixedWindowLimiter({ limit: 1000, windowMs: 1000 }) });
  return { sim, hudu, db: opened.db as Db };
}

const simMatchers = (sim: { control: { state(): unknown } }) => (sim.control.state() as HuduData).matchers ?? [];

describe("planMatcherChanges", () => {
  const matcher = (id: number, syncId: number, companyId: number | null) =>
    huduMatcherSchema.parse({ id, integrator_id: 3, integrator_name: "halo", sync_id: syncId, name: `Client ${syncId}`, company_id: companyId });
  it("re-points only matchers whose client the board matched elsewhere; leaves ignored, undecided and agreeing ones", () => {
    const result = planMatcherChanges({
      matchers: [matcher(1, 10, null), matcher(2, 20, 200), matcher(3, 30, 999), matcher(4, 40, 400), matcher(5, 50, null)],
      decisions: [
        { haloClientId: 10, kind: "match", huduCompanyId: 100 },
        { haloClientId: 20, kind: "match", huduCompanyId: 200 },
        { haloClientId: 30, kind: "match", huduCompanyId: 300 },
        { haloClientId: 40, kind: "ignore", huduCompanyId: null },
        { haloClientId: 50, kind: "create", huduCompanyId: null },
      ],
      companyNames: new Map([
        [100, "Hundred"],
        [300, "Three Hundred"],
        [999, "Wrong"],
      ]),
    });
    expect(result.changes.map((c) => [c.matcherId, c.fromCompanyId, c.toCompanyId, c.toCompanyName])).toEqual([
      [1, null, 100, "Hundred"],
      [3, 999, 300, "Three Hundred"],
    ]);
    expect(result).toMatchObject({ agreeing: 1, withoutDecision: 2 });
  });
});

describe("Hudu's own matchers against the simulator", () => {
  it("finds the Halo integration, writes the board's matches into its matchers, and a second pass changes nothing", async () => {
    const generated = generateMsp({ seed: 1, size: "tiny" });
    const { sim, hudu, db } = await setup(generated.hudu);
    for (const t of generated.truth) saveDecision({ db, decision: { haloClientId: t.haloId, kind: "match", huduCompanyId: t.huduId }, decidedBy: "test", source: "manual" });

    const review = await reviewMatchers({ db, hudu });
    expect(review.status).toBe("ok");
    if (review.status !== "ok") return;
    expect(review.integrationId).toBe(3);
    // The generator links about a third of the clients through Hudu's integration; the board has them all.
    const unlinked = generated.truth.filter((t) => !simMatchers(sim).some((m) => String(m.sync_id) === String(t.haloId) && m.company_id === t.huduId));
    expect(review.changes).toHaveLength(unlinked.length);
    expect(review.changes.length).toBeGreaterThan(0);

    const { written } = await syncHuduMatchers({ db, hudu });
    expect(written).toEqual({ updated: unlinked.length, failed: [] });
    for (const t of generated.truth) {
      expect(simMatchers(sim).find((m) => String(m.sync_id) === String(t.haloId))?.company_id).toBe(t.huduId);
    }
    // Hudu's companies now show the link too.
    const company = (sim.control.state() as HuduData).companies.find((c) => c.id === unlinked[0].huduId)!;
    expect(company.integrations.map((i) => String(i.sync_id))).toContain(String(unlinked[0].haloId));

    sim.control.resetCounts();
    const again = await syncHuduMatchers({ db, hudu });
    expect(again.written).toBeNull();
    expect(again.review).toMatchObject({ status: "ok", changes: [] });
    expect(Object.keys(sim.control.requestCounts()).filter((k) => k.startsWith("PUT"))).toEqual([]);
  });

  it("says in plain words when Hudu knows no such integration (404) and when no company shows the integration", async () => {
    const generated = generateMsp({ seed: 1, size: "tiny" });
    const { hudu, db } = await setup(generated.hudu);
    saveMatcherOptions({ db, write: true, integrationId: 99, updatedBy: "test" });
    const wrong = await reviewMatchers({ db, hudu });
    expect(wrong).toMatchObject({ status: "error" });
    expect(wrong.status === "error" && wrong.message).toMatch(/no Halo integration with id 99/);

    const bare = generateMsp({ seed: 1, size: "tiny" }).hudu;
    for (const c of bare.companies) c.integrations = [];
    const other = await setup({ ...bare, matchers: [] });
    const none = await reviewMatchers({ db: other.db, hudu: other.hudu });
    expect(none.status).toBe("no-integration");
    expect(none.status === "no-integration" && none.message).toMatch(/Enter it by hand/);
  });

  it("records a matcher Hudu refuses (it vanished: 500) and goes on with the others", async () => {
    const generated = generateMsp({ seed: 1, size: "tiny" });
    const { sim, hudu, db } = await setup(generated.hudu);
    for (const t of generated.truth) saveDecision({ db, decision: { haloClientId: t.haloId, kind: "match", huduCompanyId: t.huduId }, decidedBy: "test", source: "manual" });
    const review = await reviewMatchers({ db, hudu });
    if (review.status !== "ok") throw new Error(review.message);
    const first = review.changes[0];
    sim.control.failNext({ status: 500, body: { status: 500, error: "Internal Server Error" }, match: { method: "PUT", path: `/api/v1/matchers/${first.matcherId}` } });
    const { written } = await syncHuduMatchers({ db, hudu });
    expect(written?.failed).toEqual([{ matcherId: first.matcherId, name: first.name, message: expect.stringMatching(/no matcher/) }]);
    expect(written?.updated).toBe(review.changes.length - 1);
  });

  it("an import with the option on ends with every matched client's matcher pointing at its company, and says so", async () => {
    const setup = await setUpImport({ size: "tiny", seed: 2 });
    cleanups.push(() => setup.close());
    saveMatcherOptions({ db: setup.db, write: true, integrationId: null, updatedBy: "test" });
    const started = startJob(importJob({ connect: setup.connect }), { db: setup.db, startedBy: "test" });
    const run = await waitForJob(started.run.id);
    expect(run?.status, run?.error ?? "").toBe("succeeded");
    expect(parseImportProgress(safeJson(run!.progressJson)).matchers).toMatch(/^Updated \d+ of Hudu's own Halo matchers to the board's matches\.$/);
    // Matched on the board, or created by the import (which then records the match): Hudu's integration agrees.
    const matched = listDecisions({ db: setup.db }).filter((d) => d.kind === "match");
    expect(matched.some((d) => d.source === "import")).toBe(true);
    const matchers = simMatchers(setup.sims.hudu);
    for (const d of matched) expect(matchers.find((m) => String(m.sync_id) === String(d.haloClientId))?.company_id, `client ${d.haloClientId}`).toBe(d.huduCompanyId);
  });
});
