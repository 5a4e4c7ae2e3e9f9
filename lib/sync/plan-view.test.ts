import { describe, expect, it } from "vitest";
import { planPage, sortForPreview } from "./plan-view";
import type { PlanItem } from "./types";

const item = (over: Partial<PlanItem> & Pick<PlanItem, "key" | "type" | "action" | "name" | "companyName">): PlanItem => ({
  haloId: Number(over.key.split(":")[1]),
  haloClientId: 1,
  huduId: null,
  huduCompanyId: null,
  companyKey: `company:${over.companyName.length}`,
  changes: [],
  contentHash: "",
  ...over,
});

const items = sortForPreview([
  item({ key: "site:2", type: "site", action: "create", name: "Main office", companyName: "Beta" }),
  item({ key: "company:4", type: "company", action: "update", name: "Beta", companyName: "Beta" }),
  item({ key: "contact:3", type: "contact", action: "skip", name: "Zed", companyName: "Beta" }),
  item({ key: "contact:5", type: "contact", action: "unchanged", name: "Ann", companyName: "Alpha" }),
  item({ key: "site:6", type: "site", action: "archive", name: "Old depot", companyName: "Alpha" }),
]);

describe("planPage", () => {
  it("orders by company, then the company itself, sites, contacts, contracts, then name", () => {
    expect(items.map((i) => i.key)).toEqual(["site:6", "contact:5", "company:4", "site:2", "contact:3"]);
  });

  it("filters what changes (create, update, archive), groups per company and counts per company", () => {
    const page = planPage(items, { action: "changes" });
    expect(page.total).toBe(3);
    expect(page.groups.map((g) => [g.companyName, g.items.map((i) => i.key)])).toEqual([
      ["Alpha", ["site:6"]],
      ["Beta", ["company:4", "site:2"]],
    ]);
    expect(page.groups[1].counts).toMatchObject({ update: 1, create: 1, skip: 0 });
  });

  it("searches record and company names, and pages with counts over the whole filter", () => {
    expect(planPage(items, { q: "OFFICE" }).groups.flatMap((g) => g.items.map((i) => i.key))).toEqual(["site:2"]);
    expect(planPage(items, { q: "alpha" }).total).toBe(2);
    const page2 = planPage(items, { pageSize: 2, page: 2 });
    expect(page2).toMatchObject({ total: 5, pages: 3, page: 2 });
    expect(page2.groups.map((g) => g.companyName)).toEqual(["Beta"]);
    // Counts cover all of Beta's matching items, not only those on this page.
    expect(page2.groups[0].counts).toMatchObject({ update: 1, create: 1, skip: 1 });
    expect(planPage(items, { pageSize: 2, page: 99 }).page).toBe(3);
  });

  it("gives skipped records their reason in words", () => {
    const skipped = items.map((i) => (i.key === "contact:3" ? { ...i, skipReason: "client-ignored" as const } : i));
    const view = planPage(skipped, { action: "skip" });
    expect(view.groups[0].items[0].skipReason).toBe("its Halo client is marked ignore");
  });
});
