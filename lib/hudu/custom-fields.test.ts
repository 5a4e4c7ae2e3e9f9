import { describe, expect, it } from "vitest";
import { customFieldKey, customFieldsBody, formatFieldValue, formatHuduDate } from "./custom-fields";
import { huduAssetSchema, huduCompanySchema, unwrapList, unwrapOne } from "./schemas";

describe("customFieldKey", () => {
  it("keys from the exact label: lower-cased, each space one underscore, nothing trimmed or collapsed, punctuation kept", () => {
    expect(customFieldKey("Email Address")).toBe("email_address");
    expect(customFieldKey("Phone  Number ")).toBe("phone__number_");
    expect(customFieldKey("  Halo  Site ID ")).toBe("__halo__site_id_");
    expect(customFieldKey("phone")).toBe("phone");
    expect(customFieldKey("Contract (ref)")).toBe("contract_(ref)");
    expect(customFieldKey("already_snake")).toBe("already_snake");
  });
  it("builds Hudu's array form from labels or keys", () => {
    expect(customFieldsBody({ "Email Address": "a@b.c", Phone: "1" })).toEqual([{ email_address: "a@b.c" }, { phone: "1" }]);
    expect(customFieldsBody([{ "Job Title": "CEO", notes: "x" }])).toEqual([{ job_title: "CEO" }, { notes: "x" }]);
  });
});

describe("formatFieldValue", () => {
  it("formats dates as YYYY/MM/DD without shifting the calendar day", () => {
    expect(formatFieldValue("Date", "2024-03-01T00:00:00.000Z")).toBe("2024/03/01");
    expect(formatFieldValue("Date", "2024-3-1")).toBe("2024/03/01");
    expect(formatFieldValue("Date", new Date(Date.UTC(2024, 11, 31, 23, 30)))).toBe("2024/12/31");
    expect(formatFieldValue("Date", null)).toBeNull();
    expect(formatFieldValue("Date", "not a date")).toBeNull();
    expect(formatHuduDate("2024/02/29")).toBe("2024/02/29");
  });
  it("ensures a scheme on websites", () => {
    expect(formatFieldValue("Website", "acme.example")).toBe("https://acme.example");
    expect(formatFieldValue("Website", " http://acme.example ")).toBe("http://acme.example");
    expect(formatFieldValue("Website", "https://acme.example/x")).toBe("https://acme.example/x");
    expect(formatFieldValue("Website", "")).toBeNull();
  });
  it("coerces checkboxes and numbers", () => {
    expect(formatFieldValue("CheckBox", true)).toBe(true);
    expect(formatFieldValue("CheckBox", "yes")).toBe(true);
    expect(formatFieldValue("CheckBox", "false")).toBe(false);
    expect(formatFieldValue("CheckBox", 0)).toBe(false);
    expect(formatFieldValue("CheckBox", null)).toBe(false);
    expect(formatFieldValue("Number", "1,234.5")).toBe(1234.5);
    expect(formatFieldValue("Number", 7)).toBe(7);
    expect(formatFieldValue("Number", "abc")).toBeNull();
  });
  it("builds AddressData from Hudu keys or a Halo address", () => {
    expect(formatFieldValue("AddressData", { line1: "1 High St", line2: null, line3: "Leeds", line4: "W Yorks", postcode: "LS1" })).toEqual({
      address_line_1: "1 High St",
      address_line_2: null,
      city: "Leeds",
      state: "W Yorks",
      zip: "LS1",
      country_name: null,
    });
    expect(formatFieldValue("AddressData", { city: "York", country_name: "UK" })).toMatchObject({ city: "York", country_name: "UK" });
    expect(formatFieldValue("AddressData", {})).toBeNull();
  });
  it("turns asset links into id arrays and list selections into name arrays", () => {
    expect(formatFieldValue("AssetTag", 5)).toEqual([5]);
    expect(formatFieldValue("AssetTag", [5, "6", { id: 7 }, 5, "x"])).toEqual([5, 6, 7]);
    expect(formatFieldValue("AssetTag", [])).toBeNull();
    expect(formatFieldValue("ListSelect", "Gold")).toEqual(["Gold"]);
  });
  it("trims text and stringifies numbers", () => {
    expect(formatFieldValue("Text", "  x ")).toBe("x");
    expect(formatFieldValue("Phone", 123)).toBe("123");
    expect(formatFieldValue("Email", "")).toBeNull();
  });
});

describe("Hudu schemas", () => {
  it("unwrap wrapped and bare bodies", () => {
    expect(unwrapOne({ company: { id: 1 } }, "company")).toEqual({ id: 1 });
    expect(unwrapOne({ id: 1, name: "x" }, "company")).toEqual({ id: 1, name: "x" });
    expect(unwrapList({ companies: [1] }, "companies")).toEqual([1]);
    expect(unwrapList([1], "companies")).toEqual([1]);
    expect(unwrapList({ other: [] }, "companies")).toBeUndefined();
  });
  it("read companies tolerantly, keeping unknown keys", () => {
    const c = huduCompanySchema.parse({ id: "4", name: "Acme", integrations: [{ integrator_name: "halo", sync_id: 12 }], shiny_new: 1 });
    expect(c).toMatchObject({ id: 4, name: "Acme", website: null, archived: false, shiny_new: 1 });
    expect(c.integrations[0]).toMatchObject({ integrator_name: "halo", sync_id: "12" });
  });
  it("read assets with fields of any value type", () => {
    const a = huduAssetSchema.parse({ id: 1, name: "x", fields: [{ label: "Email", value: "a" }, { label: "Flag", value: true }, { label: "Missing" }] });
    expect(a.fields).toHaveLength(3);
  });
});
