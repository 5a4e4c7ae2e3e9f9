import { describe, expect, it } from "vitest";
import { haloClientSchema, haloContractSchema, haloSiteSchema, haloUserSchema } from "./records";
import { parseHaloDateTime } from "./values";

describe("parseHaloDateTime", () => {
  it("reads zone-less date-times of any fraction length as UTC", () => {
    expect(parseHaloDateTime("2022-09-26T16:15:38.897")).toBe("2022-09-26T16:15:38.897Z");
    expect(parseHaloDateTime("2022-09-26T16:15:38.8970001")).toBe("2022-09-26T16:15:38.897Z");
    expect(parseHaloDateTime("2022-09-26T16:15:38.5")).toBe("2022-09-26T16:15:38.500Z");
    expect(parseHaloDateTime("2022-09-26T16:15:38")).toBe("2022-09-26T16:15:38.000Z");
    expect(parseHaloDateTime("2022-09-26")).toBe("2022-09-26T00:00:00.000Z");
  });
  it("keeps an explicit zone", () => {
    expect(parseHaloDateTime("2022-09-26T16:15:38+02:00")).toBe("2022-09-26T14:15:38.000Z");
    expect(parseHaloDateTime("2022-09-26T16:15:38Z")).toBe("2022-09-26T16:15:38.000Z");
  });
  it("turns Halo's empty date and junk into null", () => {
    expect(parseHaloDateTime("1899-12-30T00:00:00")).toBeNull();
    expect(parseHaloDateTime("0001-01-01T00:00:00")).toBeNull();
    expect(parseHaloDateTime("")).toBeNull();
    expect(parseHaloDateTime("yesterday")).toBeNull();
    expect(parseHaloDateTime(undefined)).toBeNull();
    expect(parseHaloDateTime("2022-13-45T00:00:00")).toBeNull();
  });
});

describe("haloClientSchema", () => {
  it("cleans a list record with Halo's quirks", () => {
    const r = haloClientSchema.parse({
      id: 12.0,
      name: "  Acme Ltd  ",
      inactive: false,
      toplevel_id: 1,
      toplevel_name: "Top",
      website: "",
      main_site_id: -1,
      notes: "",
      colour: "#fff",
      customfields: [{ id: 1 }],
    });
    expect(r).toMatchObject({
      id: 12,
      name: "Acme Ltd",
      inactive: false,
      topLevelId: 1,
      website: null,
      mainSiteId: null,
      notes: null,
      phone: null,
      emailDomain: null,
      createdAt: null,
    });
  });
  it("reads detail-only properties", () => {
    const r = haloClientSchema.parse({
      id: 3,
      name: "Beta",
      main_phonenumber: " 01234 567890 ",
      domain: "beta.example",
      datecreated: "2020-01-02T03:04:05.1",
      website: "beta.example",
    });
    expect(r).toMatchObject({ phone: "01234 567890", emailDomain: "beta.example", createdAt: "2020-01-02T03:04:05.100Z", website: "beta.example" });
  });
  it("rejects a client without an id or a name", () => {
    expect(haloClientSchema.safeParse({ name: "x" }).success).toBe(false);
    expect(haloClientSchema.safeParse({ id: 1, name: "   " }).success).toBe(false);
    expect(haloClientSchema.safeParse({ id: 1.5, name: "x" }).success).toBe(false);
    expect(haloClientSchema.safeParse({ id: -1, name: "x" }).success).toBe(false);
  });
  it("accepts numeric strings and 0/1 booleans", () => {
    const r = haloClientSchema.parse({ id: "7", name: "Seven", inactive: 1 });
    expect(r.id).toBe(7);
    expect(r.inactive).toBe(true);
  });
});

describe("haloSiteSchema", () => {
  it("reads client_id as a double and list address lines", () => {
    const r = haloSiteSchema.parse({
      id: 5,
      name: "Head Office ",
      client_id: 12.0,
      client_name: "Acme",
      maincontact_id: -1,
      delivery_address_line1: "1 High St",
      delivery_address_line3: "Leeds",
      delivery_address_line5: "LS1 1AA",
    });
    expect(r).toMatchObject({ id: 5, name: "Head Office", clientId: 12, mainContactId: null });
    expect(r.address).toEqual({ line1: "1 High St", line2: null, line3: "Leeds", line4: null, postcode: "LS1 1AA" });
  });
  it("prefers the detail AddressStore", () => {
    const r = haloSiteSchema.parse({
      id: 5,
      name: "HQ",
      delivery_address: { line1: "2 Low Rd", line2: "", line3: "York", line4: "N Yorks", postcode: "YO1" },
    });
    expect(r.address).toEqual({ line1: "2 Low Rd", line2: null, line3: "York", line4: "N Yorks", postcode: "YO1" });
    expect(haloSiteSchema.parse({ id: 6, name: "No address" }).address).toBeNull();
  });
});

describe("haloUserSchema", () => {
  it("reads site_id doubles and composes a missing name", () => {
    const r = haloUserSchema.parse({ id: 9, firstname: "Ann", surname: "Lee", site_id: 18.0, client_id: 12, emailaddress: "ann@x.io" });
    expect(r).toMatchObject({ id: 9, name: "Ann Lee", siteId: 18, clientId: 12, email: "ann@x.io", isServiceAccount: false });
  });
  it("falls back to site_id_int and rejects a user with nothing to call them", () => {
    expect(haloUserSchema.parse({ id: 9, name: "Bob", site_id_int: 4 }).siteId).toBe(4);
    expect(haloUserSchema.safeParse({ id: 10 }).success).toBe(false);
  });
});

describe("haloContractSchema", () => {
  it("reads dates, placeholders and the billing description id", () => {
    const r = haloContractSchema.parse({
      id: 100,
      client_id: 12,
      ref: "SLA-1",
      start_date: "2024-01-01T00:00:00",
      end_date: "1899-12-30T00:00:00",
      active: true,
      status: 1,
      billingdescription: 3,
      periodchargeamount: 99.5,
      site_id: -1,
    });
    expect(r).toMatchObject({
      id: 100,
      clientId: 12,
      ref: "SLA-1",
      startDate: "2024-01-01T00:00:00.000Z",
      endDate: null,
      active: true,
      billingDescriptionId: 3,
      billingDescription: null,
      periodChargeAmount: 99.5,
      siteId: null,
    });
  });
});
