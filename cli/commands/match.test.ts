import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { listDecisions } from "@/db/queries/match-decisions";
import { withSimulatorsAndDatabase } from "../testing";
import type { SuggestionLine } from "./match";

// The real command line, as a child process, against the simulators (settings from HALO_*/HUDU_*).

const cli = withSimulatorsAndDatabase("cli-match-");

function decisions() {
  const { db, sqlite } = openDatabase(cli.database);
  try {
    return listDecisions({ db });
  } finally {
    sqlite.close();
  }
}

describe("cli match", () => {
  let suggestions: SuggestionLine[];

  it("reads both sides and prints each Halo client's best candidate as JSON", async () => {
    const r = await cli.run(["match", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    suggestions = (JSON.parse(r.stdout) as { suggestions: SuggestionLine[] }).suggestions;
    const state = cli.halo.control.state() as { clients: Array<{ id: number }> };
    expect(suggestions.map((s) => s.haloId).sort((a, b) => a - b)).toEqual(state.clients.map((c) => c.id).sort((a, b) => a - b));
    for (const s of suggestions) {
      expect(Object.keys(s).sort()).toEqual(["autoAccept", "haloId", "huduId", "reasons", "score"]);
      if (s.huduId === null) expect(s).toMatchObject({ score: null, reasons: [], autoAccept: false });
      else expect(s.score).toBeGreaterThan(0);
    }
    expect(suggestions.some((s) => s.autoAccept)).toBe(true);
    expect(r.stderr).toContain("Reading Halo and Hudu");
    expect(decisions()).toEqual([]);
  });

  it("--auto records the auto-accept suggestions as decisions from the command line", async () => {
    const r = await cli.run(["match", "--auto", "--no-refresh", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const auto = suggestions.filter((s) => s.autoAccept);
    expect(JSON.parse(r.stdout).auto).toEqual({ saved: auto.length, skipped: 0 });
    const saved = decisions();
    expect(saved.map((d) => [d.haloClientId, d.huduCompanyId]).sort()).toEqual(auto.map((s) => [s.haloId, s.huduId]).sort());
    expect(saved.every((d) => d.source === "cli" && d.kind === "match")).toBe(true);
  });

  it("match set records one decision; a company another client has needs --move", async () => {
    const taken = suggestions.find((s) => s.autoAccept)!;
    const other = suggestions.find((s) => !s.autoAccept)!;

    let r = await cli.run(["match", "set", String(other.haloId), "ignore"]);
    expect(r.code, r.stderr).toBe(0);
    expect(decisions().find((d) => d.haloClientId === other.haloId)?.kind).toBe("ignore");

    r = await cli.run(["match", "set", String(other.haloId), String(taken.huduId), "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe("company-taken");
    expect(r.stderr).toContain("--move");

    r = await cli.run(["match", "set", String(other.haloId), String(taken.huduId), "--move", "--json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ decision: { haloId: other.haloId, kind: "match", huduId: taken.huduId, source: "cli" }, movedFrom: taken.haloId });
    expect(decisions().find((d) => d.haloClientId === taken.haloId)).toBeUndefined();

    r = await cli.run(["match", "set", String(other.haloId), "clear"]);
    expect(r.code).toBe(0);
    expect(decisions().find((d) => d.haloClientId === other.haloId)).toBeUndefined();

    r = await cli.run(["match", "set", "999999", "new"]);
    expect(r.code).toBe(2);
    r = await cli.run(["match", "set", String(other.haloId), "banana"]);
    expect(r.code).toBe(2);
  });
});
