import { describe, expect, it } from "vitest";
import { buildBoardView, companyNameKey, matchesSearch } from "./board-view";
import type { BoardData, BoardDecision, BoardHaloClient, BoardHuduCompany } from "./types";

const client = (id: number, name: string, extra: Partial<BoardHaloClient> = {}): BoardHaloClient => ({
  id,
  name,
  website: null,
  phone: null,
  emailDomains: [],
  siteCount: 0,
  userCount: 0,
  inactive: false,
  ...extra,
});
const company = (id: number, name: string, extra: Partial<BoardHuduCompany> = {}): BoardHuduCompany => ({
  id,
  name,
  nickname: null,
  website: null,
  phone: null,
  idNumber: null,
  integrations: [],
  archived: false,
  url: null,
  ...extra,
});
const decision = (haloClientId: number, kind: BoardDecision["kind"], huduCompanyId: number | null = null): BoardDecision => ({
  haloClientId,
  kind,
  huduCompanyId,
  haloClientName: `client ${haloClientId}`,
  huduCompanyName: huduCompanyId ? `company ${huduCompanyId}` : null,
  decidedBy: "a@b.co",
  decidedAt: "2026-01-01T00:00:00.000Z",
  source: "manual",
});

const board: BoardData = {
  snapshot: { runId: 1, takenAt: "2026-01-01T00:00:00.000Z", haloClients: 6, huduCompanies: 4 },
  halo: [
    client(1, "Acme Ltd", { website: "acme.com" }),
    client(2, "Beta Dental"),
    client(3, "Gamma"),
    client(4, "Delta Group"),
    client(5, "Old Co", { inactive: true }),
    client(6, "  acme   ltd "),
  ],
  hudu: [company(10, "Acme Limited"), company(20, "Beta Dental Lab"), company(30, "ACME LTD"), company(40, "Delta Group", { archived: true })],
  suggestions: [
    { haloId: 1, autoAccept: true, candidates: [{ huduId: 10, score: 0.95, reasons: ["same website domain acme.com"] }] },
    {
      haloId: 2,
      autoAccept: false,
      candidates: [
        { huduId: 10, score: 0.5, reasons: ["similar"] },
        { huduId: 20, score: 0.7, reasons: ["similar names"] },
      ],
    },
    { haloId: 4, autoAccept: true, candidates: [{ huduId: 40, score: 0.99, reasons: ["same name"] }] },
  ],
};

describe("buildBoardView", () => {
  it("sorts every client into exactly one state and counts them", () => {
    const view = buildBoardView(board, [decision(3, "ignore")]);
    expect(view.clients.map((r) => [r.id, r.state])).toEqual([
      [1, "suggested"],
      [2, "suggested"],
      [3, "ignored"],
      [4, "suggested"],
      [5, "unmatched"],
      [6, "unmatched"],
    ]);
    expect(view.counts).toEqual({ suggested: 3, unmatched: 2, matched: 0, create: 0, ignored: 1, stale: 0 });
  });

  it("steps past a candidate another client already has, and drops auto-accept then", () => {
    const view = buildBoardView(board, [decision(6, "match", 10)]);
    expect(view.clientById.get(1)?.state).toBe("unmatched");
    const beta = view.clientById.get(2)!;
    expect(beta.suggestion?.company.id).toBe(20);
    expect(view.autoAcceptable.map((r) => r.id)).toEqual([4]);
    expect(view.companyRowById.get(10)?.ownerName).toBe("  acme   ltd ");
  });

  it("offers auto-accept only for undecided clients whose best candidate is free", () => {
    expect(buildBoardView(board, []).autoAcceptable.map((r) => r.id)).toEqual([1, 4]);
    expect(buildBoardView(board, [decision(1, "create")]).autoAcceptable.map((r) => r.id)).toEqual([4]);
  });

  it("flags a client whose name Hudu already has (case and spacing ignored)", () => {
    const view = buildBoardView(board, []);
    expect(view.clientById.get(6)?.nameTakenBy?.id).toBe(30);
    expect(view.clientById.get(1)?.nameTakenBy?.id).toBe(30);
    expect(view.clientById.get(2)?.nameTakenBy).toBeNull();
    expect(view.clientById.get(4)?.nameTakenBy?.id).toBe(40);
    expect(companyNameKey("  ACME   Ltd ")).toBe("acme ltd");
  });

  it("leaves inactive clients, clients with a suggestion and name clashes out of 'create remaining'", () => {
    expect(buildBoardView(board, []).remaining.map((r) => r.id)).toEqual([3]);
  });

  it("shows decisions whose client or company left the snapshot as stale, by their remembered names", () => {
    const view = buildBoardView(board, [decision(1, "match", 99), decision(77, "ignore")]);
    expect(view.clientById.get(1)).toMatchObject({ state: "stale", staleReason: "company-gone" });
    const ghost = view.clientById.get(77)!;
    expect(ghost).toMatchObject({ state: "stale", staleReason: "client-gone", client: null, name: "client 77" });
    expect(view.counts.stale).toBe(2);
    expect(view.clients.at(-1)?.id).toBe(77);
  });
});

describe("matchesSearch", () => {
  it("needs every word, in any order, case-insensitively", () => {
    expect(matchesSearch("acme ltd acme.com", "ACME com")).toBe(true);
    expect(matchesSearch("acme ltd acme.com", "acme beta")).toBe(false);
    expect(matchesSearch("anything", "   ")).toBe(true);
  });
});
