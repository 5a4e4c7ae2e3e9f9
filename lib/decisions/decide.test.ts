import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { getDecision, listDecisions, saveDecision } from "@/db/queries/match-decisions";
import type { NewSnapshotHaloClient, NewSnapshotHuduCompany } from "@/db/queries/snapshots";
import { saveSnapshot } from "@/lib/snapshot/refresh";
import { acceptAutoSuggestions, createRemainingAsNew, decide } from "./decide";

let db: Db;
let close: () => void;

const halo: NewSnapshotHaloClient[] = [
  { id: 1, name: "Acme Ltd", website: "https://www.acme.com" },
  { id: 2, name: "Bright Dental Care", website: "https://brightdental.co.uk", phone: "+44 20 7946 0000" },
  { id: 3, name: "Zebra Plumbing Services" },
  { id: 4, name: "Quiet Old Client", inactive: true },
  { id: 5, name: "Northwind Traders" },
];
const hudu: NewSnapshotHuduCompany[] = [
  { id: 10, name: "ACME Limited", website: "acme.com" },
  { id: 20, name: "Bright Dental Care", website: "brightdental.co.uk", phone: "020 7946 0000" },
  { id: 30, name: "northwind traders" },
];

beforeEach(() => {
  const opened = openDatabase(":memory:");
  db = opened.db;
  close = () => opened.sqlite.close();
  saveSnapshot({ db, startedBy: "test", haloClients: halo, huduCompanies: hudu });
});
afterEach(() => close());

const by = { decidedBy: "a@b.co", source: "manual" as const };

describe("decide", () => {
  it("records a match with both names, for later display even when stale", () => {
    const result = decide({ db, haloClientId: 1, kind: "match", huduCompanyId: 10, ...by });
    expect(result.status).toBe("saved");
    expect(getDecision({ db, haloClientId: 1 })).toMatchObject({ haloClientName: "Acme Ltd", huduCompanyName: "ACME Limited" });
  });

  it("refuses clients and companies that are not in the snapshot", () => {
    expect(decide({ db, haloClientId: 99, kind: "ignore", ...by }).status).toBe("unknown-client");
    expect(decide({ db, haloClientId: 1, kind: "match", huduCompanyId: 99, ...by }).status).toBe("unknown-company");
    expect(listDecisions({ db })).toEqual([]);
  });

  it("refuses 'create new' for a name Hudu already has and names that company", () => {
    const result = decide({ db, haloClientId: 5, kind: "create", ...by });
    expect(result).toMatchObject({ status: "name-taken", huduCompanyId: 30, huduCompanyName: "northwind traders" });
    expect(decide({ db, haloClientId: 3, kind: "create", ...by }).status).toBe("saved");
  });

  it("asks before moving a company from another client, and moves it when told to", () => {
    decide({ db, haloClientId: 1, kind: "match", huduCompanyId: 10, ...by });
    const refused = decide({ db, haloClientId: 3, kind: "match", huduCompanyId: 10, ...by });
    expect(refused).toMatchObject({ status: "company-taken", message: '"ACME Limited" is already matched to Acme Ltd.' });
    const moved = decide({ db, haloClientId: 3, kind: "match", huduCompanyId: 10, move: true, ...by });
    expect(moved.status).toBe("saved");
    expect(getDecision({ db, haloClientId: 1 })).toBeUndefined();
  });

  it("lets a stale decision (client gone) be replaced or cleared", () => {
    saveDecision({ db, decision: { haloClientId: 77, kind: "ignore", haloClientName: "Gone Inc" }, decidedBy: "x", source: "manual" });
    expect(decide({ db, haloClientId: 77, kind: "create", ...by }).status).toBe("saved");
  });
});

describe("bulk decisions", () => {
  it("accepts only the auto-accept suggestions of undecided clients, limited to the ids confirmed", () => {
    const all = acceptAutoSuggestions({ db, haloClientIds: [], decidedBy: "a@b.co", source: "auto-accept" });
    expect(all.saved).toBe(0);
    const result = acceptAutoSuggestions({ db, decidedBy: "a@b.co", source: "auto-accept" });
    expect(result.saved).toBeGreaterThan(0);
    const saved = listDecisions({ db });
    expect(saved.every((d) => d.kind === "match" && d.source === "auto-accept")).toBe(true);
    expect(saved.find((d) => d.haloClientId === 2)?.huduCompanyId).toBe(20);
    // A second run finds nothing left to accept.
    expect(acceptAutoSuggestions({ db, decidedBy: "a@b.co", source: "auto-accept" }).saved).toBe(0);
  });

  it("creates the remaining (no suggestion, active, no name clash) as new, skipping ids no longer eligible", () => {
    const result = createRemainingAsNew({ db, haloClientIds: [3, 4, 5], decidedBy: "a@b.co" });
    expect(result).toEqual({ saved: 1, skipped: 2 });
    expect(listDecisions({ db }).map((d) => [d.haloClientId, d.kind, d.source])).toEqual([[3, "create", "bulk"]]);
  });
});
