import { describe, expect, it } from "vitest";
import { emailDomainKey, extractHostname, isMailProvider, registrableDomain, websiteKey } from "./domains";

describe("registrableDomain", () => {
  it("is public-suffix aware", () => {
    expect(registrableDomain("https://www.acme.co.uk/contact")).toBe("acme.co.uk");
    expect(registrableDomain("shop.acme.com.au")).toBe("acme.com.au");
    expect(registrableDomain("http://acme.com:8080/x?y#z")).toBe("acme.com");
    expect(registrableDomain("WWW.ACME.IE")).toBe("acme.ie");
    expect(registrableDomain("info@acme.co.nz")).toBe("acme.co.nz");
    expect(registrableDomain("mailto:bob@mail.acme.org.uk")).toBe("acme.org.uk");
  });

  it("handles wildcard and regional government suffixes", () => {
    expect(registrableDomain("https://holytrinityprimaryschool.sch.uk/")).toBe("holytrinityprimaryschool.sch.uk");
    expect(registrableDomain("www.holytrinityprimaryschool.sch.uk")).toBe("holytrinityprimaryschool.sch.uk");
    expect(registrableDomain("http://www.carrawong.nsw.gov.au/")).toBe("carrawong.nsw.gov.au");
    expect(registrableDomain("bishoplanesurgery.nhs.uk")).toBe("bishoplanesurgery.nhs.uk");
  });

  it("returns null for junk", () => {
    for (const junk of ["", "-1", null, undefined, "n/a", "none", "1.2.3.4", "http://", 5]) {
      expect(registrableDomain(junk)).toBeNull();
    }
    expect(extractHostname("  ")).toBeNull();
  });
});

describe("mail providers and shared hosts", () => {
  it("treats mail providers as no evidence", () => {
    for (const d of ["gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.com.au", "icloud.com", "bigpond.com", "bigpond.net.au"]) {
      expect(isMailProvider(registrableDomain(d))).toBe(true);
      expect(emailDomainKey(d)).toBeNull();
      expect(websiteKey("https://" + d)).toBeNull();
    }
    expect(isMailProvider("acme.com")).toBe(false);
    expect(emailDomainKey("acme.com")).toBe("acme.com");
  });

  it("keys shared hosts by page, not by host", () => {
    expect(websiteKey("https://www.facebook.com/tonyspizzerianj/")).toEqual({ key: "facebook.com/tonyspizzerianj", kind: "page", label: "Facebook page" });
    expect(websiteKey("facebook.com/tonyspizzerianj")?.key).toBe("facebook.com/tonyspizzerianj");
    expect(websiteKey("https://facebook.com/")).toBeNull();
    expect(websiteKey("https://acme.wixsite.com/home")).toMatchObject({ key: "acme.wixsite.com/home", kind: "page" });
    expect(websiteKey("https://acme.squarespace.com")).toMatchObject({ key: "acme.squarespace.com", kind: "page" });
    expect(websiteKey("https://www.acme.com")).toEqual({ key: "acme.com", kind: "domain", label: "" });
  });
});
