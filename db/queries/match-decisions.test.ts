import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { matchDecisions } from "@/db/schema";
import {
  deleteDecision,
  findStaleDecisions,
  getDecisionForCompany,
  listDecisions,
  saveDecision,
  saveDecisions,
} from "./match-decisions";
import { memoryDbPerTest } from "@/db/testing";
import { listDecisionChanges } from "./decision-history";

const memory = memoryDbPerTest();
let db: Db;
beforeEach(() => {
  db = memory.db;
});

const by = "admin@example.com";

describe("saveDecision", () => {
  it("records who, when and how, and replaces a client's earlier decision", () => {
    const first = saveDecision({ db, decision: { haloClientId: 1, kind: "ignore" }, decidedBy: by, source: "manual", now: new Date(1000) });
    expect(first.status).toBe("saved");
    const second = saveDecision({
      db,
      decision: { haloClientId: 1, kind: "match", huduCompanyId: 10, haloClientName: "Acme Ltd", huduCompanyName: "Acme" },
      decidedBy: "other@example.com",
      source: "cli",
      now: new Date(2000),
    });
    expect(second.status).toBe("saved");
    const rows = listDecisions({ db });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      haloClientId: 1,
      kind: "match",
      huduCompanyId: 10,
      haloClientName: "Acme Ltd",
      huduCompanyName: "Acme",
      decidedBy: "other@example.com",
      source: "cli",
    });
    expect(rows[0].decidedAt.getTime()).toBe(2000);
  });

  it("keeps one Hudu company to one Halo client: a second match is a conflict and changes nothing", () => {
    saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" });
    const result = saveDecision({ db, decision: { haloClientId: 2, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" });
    expect(result.status).toBe("conflict");
    if (result.status === "conflict") expect(result.other.haloClientId).toBe(1);
    expect(getDecisionForCompany({ db, huduCompanyId: 10 })?.haloClientId).toBe(1);
    expect(listDecisions({ db })).toHaveLength(1);
  });

  it("moves a match when asked: the other client goes back to undecided", () => {
    saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" });
    saveDecision({ db, decision: { haloClientId: 2, kind: "create" }, decidedBy: by, source: "manual" });
    const result = saveDecision({ db, decision: { haloClientId: 2, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual", move: true });
    expect(result.status).toBe("saved");
    if (result.status === "saved") expect(result.movedFrom?.haloClientId).toBe(1);
    expect(listDecisions({ db }).map((d) => [d.haloClientId, d.kind, d.huduCompanyId])).toEqual([[2, "match", 10]]);
  });

  it("re-matching a client to the company it already has is not a conflict", () => {
    saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" });
    expect(saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" }).status).toBe("saved");
  });

  it("a client moving to another company frees its old one", () => {
    saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" });
    saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 11 }, decidedBy: by, source: "manual" });
    expect(saveDecision({ db, decision: { haloClientId: 2, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" }).status).toBe("saved");
  });

  it("create and ignore never hold a company, so many clients may have them", () => {
    saveDecision({ db, decision: { haloClientId: 1, kind: "create", huduCompanyId: 10 }, decidedBy: by, source: "manual" });
    saveDecision({ db, decision: { haloClientId: 2, kind: "ignore" }, decidedBy: by, source: "manual" });
    saveDecision({ db, decision: { haloClientId: 3, kind: "create" }, decidedBy: by, source: "manual" });
    expect(listDecisions({ db }).map((d) => d.huduCompanyId)).toEqual([null, null, null]);
  });

  it("refuses a match without a company", () => {
    expect(() => saveDecision({ db, decision: { haloClientId: 1, kind: "match" }, decidedBy: by, source: "manual" })).toThrow(/needs a Hudu company/);
  });

  it("the database itself refuses a second client on one company", () => {
    saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" });
    expect(() =>
      db.insert(matchDecisions).values({ haloClientId: 2, kind: "match", huduCompanyId: 10, decidedBy: by, decidedAt: new Date(), source: "manual" }).run(),
    ).toThrow(/UNIQUE/);
  });
});

describe("saveDecisions (bulk)", () => {
  it("skips decided clients and taken companies, including two inputs wanting one company", () => {
    saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" });
    saveDecision({ db, decision: { haloClientId: 2, kind: "ignore" }, decidedBy: by, source: "manual" });
    const { saved, skipped } = saveDecisions({
      db,
      decidedBy: by,
      source: "auto-accept",
      decisions: [
        { haloClientId: 2, kind: "match", huduCompanyId: 20 },
        { haloClientId: 3, kind: "match", huduCompanyId: 10 },
        { haloClientId: 4, kind: "match", huduCompanyId: 30 },
        { haloClientId: 5, kind: "match", huduCompanyId: 30 },
        { haloClientId: 6, kind: "create" },
      ],
    });
    expect(saved.map((d) => d.haloClientId)).toEqual([4, 6]);
    expect(skipped.map((s) => [s.decision.haloClientId, s.reason])).toEqual([
      [2, "decided"],
      [3, "company-taken"],
      [5, "company-taken"],
    ]);
    expect(saved.every((d) => d.source === "auto-accept" && d.decidedBy === by)).toBe(true);
  });

  it("with overwrite, replaces decisions and lets a client take a company it frees", () => {
    saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" });
    const { saved } = saveDecisions({
      db,
      decidedBy: by,
      source: "cli",
      overwrite: true,
      decisions: [
        { haloClientId: 1, kind: "match", huduCompanyId: 11 },
        { haloClientId: 2, kind: "match", huduCompanyId: 10 },
      ],
    });
    expect(saved).toHaveLength(2);
    expect(getDecisionForCompany({ db, huduCompanyId: 10 })?.haloClientId).toBe(2);
  });
});

describe("deleteDecision", () => {
  it("unmatches: the client is undecided and its company free again", () => {
    saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" });
    expect(deleteDecision({ db, haloClientId: 1, changedBy: by, source: "manual" })?.huduCompanyId).toBe(10);
    expect(deleteDecision({ db, haloClientId: 1, changedBy: by, source: "manual" })).toBeUndefined();
    expect(saveDecision({ db, decision: { haloClientId: 2, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" }).status).toBe("saved");
  });
});

describe("findStaleDecisions", () => {
  it("flags decisions whose client, or whose matched company, left the snapshot", () => {
    saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" });
    saveDecision({ db, decision: { haloClientId: 2, kind: "match", huduCompanyId: 20 }, decidedBy: by, source: "manual" });
    saveDecision({ db, decision: { haloClientId: 3, kind: "ignore" }, decidedBy: by, source: "manual" });
    saveDecision({ db, decision: { haloClientId: 4, kind: "create" }, decidedBy: by, source: "manual" });
    const stale = findStaleDecisions({
      decisions: listDecisions({ db }),
      haloClientIds: new Set([1, 2, 4]),
      huduCompanyIds: new Set([10]),
    });
    expect(stale.map((s) => [s.decision.haloClientId, s.reason])).toEqual([
      [2, "company-gone"],
      [3, "client-gone"],
    ]);
  });
});

describe("decision history", () => {
  const history = () =>
    listDecisionChanges({ db })
      .reverse()
      .map((c) => `${c.haloClientId}: ${c.fromKind ?? "none"}${c.fromHuduCompanyId ? ` ${c.fromHuduCompanyId}` : ""} → ${c.toKind ?? "none"}${c.toHuduCompanyId ? ` ${c.toHuduCompanyId}` : ""} by ${c.changedBy} (${c.source})`);

  it("records every change with who, when and from → to, and nothing for a save that changes nothing", () => {
    const at = new Date("2026-03-01T10:00:00Z");
    saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 10, haloClientName: "Acme", huduCompanyName: "ACME Ltd" }, decidedBy: by, source: "manual", now: at });
    saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" });
    saveDecision({ db, decision: { haloClientId: 1, kind: "ignore" }, decidedBy: "b@c.co", source: "cli" });
    deleteDecision({ db, haloClientId: 1, changedBy: "c@d.co", source: "manual" });
    deleteDecision({ db, haloClientId: 1, changedBy: "c@d.co", source: "manual" });
    expect(history()).toEqual([
      `1: none → match 10 by ${by} (manual)`,
      "1: match 10 → ignore by b@c.co (cli)",
      "1: ignore → none by c@d.co (manual)",
    ]);
    const first = listDecisionChanges({ db, haloClientId: 1 }).at(-1)!;
    expect(first).toMatchObject({ haloClientName: "Acme", toHuduCompanyName: "ACME Ltd", changedAt: at });
  });

  it("records a move as two changes: the company leaves one client and goes to the other", () => {
    saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" });
    saveDecision({ db, decision: { haloClientId: 2, kind: "match", huduCompanyId: 10 }, decidedBy: "b@c.co", source: "manual", move: true });
    expect(history()).toEqual([`1: none → match 10 by ${by} (manual)`, "1: match 10 → none by b@c.co (manual)", "2: none → match 10 by b@c.co (manual)"]);
    expect(listDecisionChanges({ db, haloClientId: 2 })).toHaveLength(1);
  });

  it("records bulk saves per client, and nothing for a refused one", () => {
    saveDecision({ db, decision: { haloClientId: 1, kind: "match", huduCompanyId: 10 }, decidedBy: by, source: "manual" });
    saveDecisions({
      db,
      decisions: [
        { haloClientId: 2, kind: "match", huduCompanyId: 10 },
        { haloClientId: 3, kind: "create" },
        { haloClientId: 1, kind: "ignore" },
      ],
      decidedBy: "bulk@b.co",
      source: "bulk",
      overwrite: true,
    });
    expect(history()).toEqual([`1: none → match 10 by ${by} (manual)`, "3: none → create by bulk@b.co (bulk)", "1: match 10 → ignore by bulk@b.co (bulk)"]);
  });
});
