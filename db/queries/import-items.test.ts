import { beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { importItems } from "@/db/schema";
import { memoryDbPerTest } from "@/db/testing";
import { countOpenImportItems, finishImportItem, listImportItemJson, listOpenImportItems, markImportItemSending, saveImportItems, type NewImportItem } from "./import-items";
import { startJobRun } from "./job-runs";

const memory = memoryDbPerTest();
let db: Db;
let runId: number;
beforeEach(() => {
  db = memory.db;
  const started = startJobRun({ db, kind: "import", startedBy: "admin@example.com", owner: "test", isDead: () => false, onDead: (_tx, run) => run });
  runId = started.run.id;
});

function item(type: NewImportItem["type"], haloId: number): NewImportItem {
  return { key: `${type}:${haloId}`, type, action: "create", haloId, haloClientId: 1, name: `${type} ${haloId}`, companyName: "Acme", itemJson: JSON.stringify({ haloId }), state: "pending" };
}

function* items(): Generator<NewImportItem> {
  for (let i = 1; i <= 120; i++) yield item("site", i);
  for (let i = 1; i <= 30; i++) yield item("contact", i);
}

describe("import items", () => {
  it("saves a lazy iterable in plan order, past the insert slice", () => {
    saveImportItems({ db, runId, items: items() });
    const saved = listImportItemJson({ db, runId }).map((json) => JSON.parse(json) as { haloId: number });
    expect(saved).toHaveLength(150);
    expect(saved.slice(0, 3).map((s) => s.haloId)).toEqual([1, 2, 3]);
  });

  it("pages through the open items of some types in plan order, skipping the finished ones", () => {
    saveImportItems({ db, runId, items: items() });
    finishImportItem({ db, runId, key: "site:2", outcome: "created" });
    markImportItemSending({ db, runId, key: "site:3" });
    expect(countOpenImportItems({ db, runId, types: ["site"] })).toBe(119);
    expect(countOpenImportItems({ db, runId, types: ["contact", "contract"] })).toBe(30);

    const first = listOpenImportItems({ db, runId, types: ["site"], limit: 50 });
    expect(first.map((r) => r.key).slice(0, 3)).toEqual(["site:1", "site:3", "site:4"]);
    const keys = [...first];
    for (let page = first; page.length === 50; ) {
      page = listOpenImportItems({ db, runId, types: ["site"], afterSeq: page[page.length - 1].seq, limit: 50 });
      keys.push(...page);
    }
    expect(keys.map((r) => r.key)).toEqual(Array.from({ length: 120 }, (_, i) => `site:${i + 1}`).filter((k) => k !== "site:2"));
  });

  it("adds only the items not saved yet when told to skip the saved ones, after them in plan order", () => {
    saveImportItems({ db, runId, items: [item("contact", 1), item("contact", 2)] });
    finishImportItem({ db, runId, key: "contact:1", outcome: "created" });
    expect(() => saveImportItems({ db, runId, items: [item("contact", 2)] })).toThrow();
    saveImportItems({ db, runId, items: [item("contact", 1), item("contact", 2), item("contact", 3)], skipSaved: true });
    const open = listOpenImportItems({ db, runId, types: ["contact"], limit: 10 });
    expect(open.map((r) => [r.key, r.seq])).toEqual([
      ["contact:2", 1],
      ["contact:3", 4],
    ]);
    expect(countOpenImportItems({ db, runId, types: ["contact"] })).toBe(2);
  });

  it("finishes an item with its outcome, Hudu ids, message and time, each database with its own statements", () => {
    const other = openDatabase(":memory:");
    try {
      const otherRun = startJobRun({ db: other.db, kind: "import", startedBy: "admin@example.com", owner: "test", isDead: () => false, onDead: (_tx, run) => run }).run.id;
      saveImportItems({ db, runId, items: [item("site", 1), { ...item("site", 2), state: "done", outcome: "skipped", message: "Skipped: inactive.", finishedAt: new Date(5_000) }] });
      saveImportItems({ db: other.db, runId: otherRun, items: [item("site", 1)] });
      finishImportItem({ db, runId, key: "site:1", outcome: "created", huduId: 41, huduCompanyId: 7, message: "found by its Halo id", now: new Date(1_000) });
      finishImportItem({ db: other.db, runId: otherRun, key: "site:1", outcome: "failed", message: "Hudu refused it", now: new Date(2_000) });
      const rows = (d: Db) => d.select().from(importItems).all().map(({ key, state, outcome, huduId, huduCompanyId, message, finishedAt }) => ({ key, state, outcome, huduId, huduCompanyId, message, finishedAt }));
      expect(rows(db)).toEqual([
        { key: "site:1", state: "done", outcome: "created", huduId: 41, huduCompanyId: 7, message: "found by its Halo id", finishedAt: new Date(1_000) },
        { key: "site:2", state: "done", outcome: "skipped", huduId: null, huduCompanyId: null, message: "Skipped: inactive.", finishedAt: new Date(5_000) },
      ]);
      expect(rows(other.db)).toEqual([{ key: "site:1", state: "failed", outcome: "failed", huduId: null, huduCompanyId: null, message: "Hudu refused it", finishedAt: new Date(2_000) }]);
    } finally {
      other.sqlite.close();
    }
  });
});
