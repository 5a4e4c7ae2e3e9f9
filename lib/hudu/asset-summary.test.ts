import { describe, expect, it } from "vitest";
import { summariseAsset } from "./asset-summary";
import { huduAssetSchema } from "./schemas";

const asset = (extra: Record<string, unknown>) =>
  huduAssetSchema.parse({ id: 7, company_id: 3, company_name: "Acme Ltd", asset_layout_id: 2, name: "Jo Bloggs", archived: false, slug: "jo", url: "/a/jo", ...extra });

describe("summariseAsset", () => {
  it("keeps what planning needs, each custom field by its key, and drops the rest", () => {
    const summary = summariseAsset(asset({ fields: [{ id: 1, label: "Email Address", value: "jo@example.com", position: 1 }, { id: 2, label: "Halo ID", value: "42", position: 2 }] }));
    expect(summary).toEqual({
      id: 7,
      company_id: 3,
      company_name: "Acme Ltd",
      asset_layout_id: 2,
      name: "Jo Bloggs",
      archived: false,
      fields: { email_address: "jo@example.com", halo_id: "42" },
    });
  });

  it("keeps the first of two labels with the same key, a missing value as null, and never a prototype", () => {
    const summary = summariseAsset(asset({ fields: [{ label: "Phone", value: "1" }, { label: "phone", value: "2" }, { label: "Notes" }, { label: "__proto__", value: { polluted: true } }] }));
    expect(summary.fields).toEqual({ phone: "1", notes: null });
    expect(Object.getPrototypeOf(summary.fields)).toBe(Object.prototype);
  });

  it("shares one copy of a company name between the assets of a sweep", () => {
    const names = new Map<string, string>();
    const a = summariseAsset(asset({ company_name: ["Acme", "Ltd"].join(" ") }), names);
    const b = summariseAsset(asset({ company_name: ["Acme", "Ltd"].join(" ") }), names);
    expect(b.company_name).toBe("Acme Ltd");
    expect(names.size).toBe(1);
    expect(names.get("Acme Ltd")).toBe(a.company_name);
  });
});
