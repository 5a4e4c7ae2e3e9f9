import { describe, expect, it } from "vitest";
import type { LayoutState } from "@/lib/layouts/state";
import type { Plan } from "@/lib/sync/types";
import { withSimulatorsAndDatabase } from "../testing";

// `layouts`, `layouts ensure` and `plan` as a person or a script runs them, against the simulators.

const cli = withSimulatorsAndDatabase("cli-layouts-");
const run = (args: string[]) => cli.run(args);

describe("cli layouts and plan", () => {
  it("layouts exits 1 and says what is missing before anything is set up", async () => {
    const r = await run(["layouts"]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain("Sites: none chosen: not usable");
    expect(r.stdout).toContain("Run `layouts ensure`");
  });

  it("layouts ensure creates and activates three layouts; run again it changes nothing", async () => {
    let r = await run(["layouts", "ensure"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('✓ Sites: create the layout "Sites"');
    expect(r.stdout).toContain('✓ Contracts: activate "Contracts".');

    cli.hudu.control.resetCounts();
    r = await run(["layouts", "ensure", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { done: string[]; states: Record<string, LayoutState> };
    expect(json.done).toEqual([]);
    expect(Object.values(json.states).every((s) => s.usable && s.problems.length === 0)).toBe(true);
    expect(Object.keys(cli.hudu.control.requestCounts()).filter((k) => !k.startsWith("GET"))).toEqual([]);

    r = await run(["layouts", "--json"]);
    expect(r.code, r.stderr).toBe(0);
  });

  it("plan --json prints the whole plan (one item per Halo record), and writes nothing to Hudu", async () => {
    cli.hudu.control.resetCounts();
    const r = await run(["plan", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as Plan;
    const state = cli.halo.control.state() as { clients: unknown[]; sites: unknown[]; users: unknown[]; contracts: unknown[] };
    const count = (type: string) => plan.items.filter((i) => i.type === type).length;
    expect([count("company"), count("site"), count("contact"), count("contract")]).toEqual([state.clients.length, state.sites.length, state.users.length, state.contracts.length]);
    // Nobody decided anything yet: every client is skipped, with its reason.
    expect(plan.totals.company.skip).toBe(state.clients.length);
    expect(r.stderr).toContain("reading Halo users");
    expect(Object.keys(cli.hudu.control.requestCounts()).filter((k) => !k.startsWith("GET"))).toEqual([]);
  });

  it("plan prints totals and the skip reasons for a person", async () => {
    const r = await run(["plan"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/companies\s+0\s+0\s+0\s+0\s+\d+/);
    expect(r.stdout).toContain("because its Halo client is not matched yet");
  });
});
