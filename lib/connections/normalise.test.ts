import { describe, expect, it } from "vitest";
import { normaliseConnectionSettings, normaliseUrl } from "./normalise";

describe("normaliseUrl", () => {
  it("reduces a Hudu URL ending in /api/v1 to the instance address", () => {
    expect(normaliseUrl(" https://acme.huducloud.com/api/v1/ ", "hudu")).toEqual({
      value: "https://acme.huducloud.com",
      changes: ["removed spaces around the address", "removed the closing /", "removed trailing /api/v1 (the app adds /api/v1 itself)"],
    });
    expect(normaliseUrl("https://docs.example.com/hudu", "hudu").value).toBe("https://docs.example.com/hudu");
  });
  it("adds https:// when no scheme is given, and keeps http for local servers", () => {
    expect(normaliseUrl("acme.huducloud.com", "hudu")).toEqual({ value: "https://acme.huducloud.com", changes: ["added https://"] });
    expect(normaliseUrl("http://127.0.0.1:4010", "hudu")).toEqual({ value: "http://127.0.0.1:4010", changes: [] });
    expect(normaliseUrl("localhost:4010/api/v1", "hudu").value).toBe("https://localhost:4010");
  });
  it("accepts http:// only for this machine, unless in simulator mode", () => {
    for (const local of ["http://localhost:4010", "http://127.0.0.1", "http://127.8.9.10:80", "http://[::1]:4010", "http://halo.localhost"]) {
      expect(normaliseUrl(local, "hudu").error, local).toBeUndefined();
    }
    for (const remote of ["http://acme.huducloud.com", "http://10.0.0.5:4010", "http://[2001:db8::1]", "http://127.0.0.1.evil.com"]) {
      expect(normaliseUrl(remote, "hudu").error, remote).toMatch(/^Use https:\/\/: over http:\/\/ the credentials would cross the network unencrypted/);
      expect(normaliseUrl(remote, "hudu", { allowHttp: true }).error, remote).toBeUndefined();
    }
    expect(normaliseConnectionSettings({ haloAuthUrl: "http://acme.halopsa.com/auth" }).haloAuthUrl?.error).toMatch(/Use https/);
  });
  it("reduces a Halo token URL to the authorisation server and fills usual paths on bare hosts", () => {
    expect(normaliseUrl("https://acme.halopsa.com/auth/token", "haloAuth")).toEqual({
      value: "https://acme.halopsa.com/auth",
      changes: ["removed trailing /token (the app adds it)"],
    });
    expect(normaliseUrl("https://acme.halopsa.com/auth/", "haloAuth")).toEqual({ value: "https://acme.halopsa.com/auth", changes: ["removed the closing /"] });
    expect(normaliseUrl("ACME.halopsa.com", "haloAuth")).toEqual({
      value: "https://acme.halopsa.com/auth",
      changes: ["added https://", "added /auth (Halo's usual authorisation path)", "lower-cased the host name"],
    });
    expect(normaliseUrl("https://acme.halopsa.com", "haloResource").value).toBe("https://acme.halopsa.com/api");
    expect(normaliseUrl("https://acme.halopsa.com/api//", "haloResource")).toEqual({ value: "https://acme.halopsa.com/api", changes: ["removed the closing /"] });
  });
  it("says why a value cannot be used", () => {
    expect(normaliseUrl("", "hudu").error).toBe("Enter the address.");
    expect(normaliseUrl("ftp://acme.example", "hudu").error).toMatch(/must start with https:\/\//);
    expect(normaliseUrl("https://acme example.com", "hudu").error).toMatch(/spaces/);
    expect(normaliseUrl("https://acme", "hudu").error).toMatch(/full host name/);
    expect(normaliseUrl("https://acme.halopsa.com/api", "haloAuth").error).toMatch(/resource server/);
    expect(normaliseUrl("https://acme.halopsa.com/auth", "haloResource").error).toMatch(/authorisation server/);
    expect(normaliseUrl("https://user:pw@acme.example", "hudu").error).toMatch(/passwords/);
  });
  it("drops query strings and fragments", () => {
    expect(normaliseUrl("https://acme.huducloud.com/?x=1#top", "hudu")).toEqual({
      value: "https://acme.huducloud.com",
      changes: ["removed the query string", "removed the # part"],
    });
  });
});

describe("normaliseUrl: what people paste", () => {
  it("a Hudu URL given with /api/v1, in any case, with closing or doubled slashes, or with an endpoint after it", () => {
    const hudu = (raw: string) => normaliseUrl(raw, "hudu");
    for (const raw of ["https://acme.huducloud.com/api/v1", "https://acme.huducloud.com/API/V1/", "https://acme.huducloud.com//api/v1//", "https://acme.huducloud.com/api", "https://acme.huducloud.com/api/v1/companies/12"]) {
      expect(hudu(raw).value, raw).toBe("https://acme.huducloud.com");
      expect(hudu(raw).error, raw).toBeUndefined();
    }
    expect(hudu("https://acme.huducloud.com/api/v1/companies").changes).toEqual(["removed trailing /api/v1/companies (the app adds /api/v1 itself)"]);
    expect(hudu("https://acme.huducloud.com//api/v1//").changes).toEqual(["removed the closing /", "removed a doubled /", "removed trailing /api/v1 (the app adds /api/v1 itself)"]);
    // Only a whole /api segment: an instance under a path of its own keeps it.
    expect(hudu("https://docs.example.com//hudu/")).toEqual({ value: "https://docs.example.com/hudu", changes: ["removed the closing /", "removed a doubled /"] });
    expect(hudu("https://example.com/apidocs").value).toBe("https://example.com/apidocs");
  });

  it("stray spaces, tabs and line breaks around an address are removed; inside one they are refused", () => {
    expect(normaliseUrl("\thttps://acme.huducloud.com/\n", "hudu")).toEqual({ value: "https://acme.huducloud.com", changes: ["removed spaces around the address"] });
    expect(normaliseUrl("https://acme .huducloud.com", "hudu").error).toBe("The address contains spaces.");
    expect(normaliseUrl("   ", "hudu").error).toBe("Enter the address.");
  });

  it("Halo addresses with an endpoint copied after /auth or /api are cut back to the server", () => {
    expect(normaliseUrl("https://acme.halopsa.com//auth//token/", "haloAuth")).toEqual({
      value: "https://acme.halopsa.com/auth",
      changes: ["removed the closing /", "removed a doubled /", "removed trailing /token (the app adds it)"],
    });
    expect(normaliseUrl("https://acme.halopsa.com/auth/authorize", "haloAuth")).toEqual({
      value: "https://acme.halopsa.com/auth",
      changes: ["removed /authorize after /auth (the app adds /token itself)"],
    });
    expect(normaliseUrl("https://acme.halopsa.com/api/Client/12/", "haloResource")).toEqual({
      value: "https://acme.halopsa.com/api",
      changes: ["removed the closing /", "removed /Client/12 after /api (the app adds each endpoint itself)"],
    });
  });

  it("malformed addresses each get their own message", () => {
    const error = (raw: string) => normaliseUrl(raw, "hudu").error;
    expect(error("https//acme.huducloud.com")).toBe("The address must start with https:// (the colon after https is missing).");
    expect(error("https:/acme.huducloud.com")).toBe("The address must start with https://.");
    expect(error("htps://acme.huducloud.com")).toBe("The address must start with https:// (or http:// for a local test server).");
    expect(error("https://")).toBe("This is not a valid web address.");
    expect(error("https://acme.huducloud.com:99999")).toBe("This is not a valid web address.");
    expect(error("acme")).toBe("The address needs a full host name, e.g. yourname.halopsa.com.");
    expect(error("acme..huducloud.com")).toBe('The host name "acme..huducloud.com" cannot exist: check for doubled dots, or a dash at the start or end of a part.');
    expect(error("https://-acme.huducloud.com")).toMatch(/^The host name "-acme.huducloud.com" cannot exist/);
    // A stray colon or slashes before the host are a typo, not a scheme.
    expect(normaliseUrl("://acme.huducloud.com", "hudu")).toEqual({ value: "https://acme.huducloud.com", changes: ["added https://"] });
    expect(normaliseUrl("//acme.huducloud.com", "hudu")).toEqual({ value: "https://acme.huducloud.com", changes: ["added https://"] });
    // Local test servers by address are fine.
    expect(normaliseUrl("http://127.0.0.1:4010//api", "hudu")).toEqual({ value: "http://127.0.0.1:4010", changes: ["removed a doubled /", "removed trailing /api (the app adds /api/v1 itself)"] });
    expect(normaliseUrl("http://[::1]:4010/", "hudu").value).toBe("http://[::1]:4010");
  });
});

describe("normaliseConnectionSettings", () => {
  it("normalises every given field and never echoes secrets in notes", () => {
    const result = normaliseConnectionSettings({
      haloAuthUrl: "https://acme.halopsa.com/auth/token",
      haloResourceUrl: "https://acme.halopsa.com/api/",
      haloTenant: " acme ",
      haloClientId: " 1b2c3d4e-0000-0000-0000-000000000001 ",
      haloClientSecret: "abc-def\n-ghi",
      huduUrl: "https://acme.huducloud.com/api/v1",
      huduApiKey: "  key123  ",
    });
    expect(result.ok).toBe(true);
    expect(result.haloTenant).toEqual({ value: "acme", changes: ["removed spaces around it"] });
    expect(result.haloClientId?.value).toBe("1b2c3d4e-0000-0000-0000-000000000001");
    expect(result.haloClientSecret).toEqual({ value: "abc-def-ghi", changes: ["removed spaces and line breaks inside it"] });
    expect(result.huduApiKey).toEqual({ value: "key123", changes: ["removed spaces around it"] });
    expect(JSON.stringify(Object.values(result).flatMap((f) => (typeof f === "object" ? f.changes : [])))).not.toMatch(/key123|abc-def/);
  });
  it("flags unusable fields and leaves absent ones out", () => {
    const result = normaliseConnectionSettings({ haloTenant: "https://acme.halopsa.com", huduApiKey: "   " });
    expect(result.ok).toBe(false);
    expect(result.haloTenant?.error).toMatch(/only the tenant name/);
    expect(result.huduApiKey?.error).toBe("Enter the API key.");
    expect(result.huduUrl).toBeUndefined();
    expect(normaliseConnectionSettings("nonsense").ok).toBe(false);
  });
  it("a tenant with stray spaces is trimmed; one with spaces inside or given as an address is refused", () => {
    expect(normaliseConnectionSettings({ haloTenant: "\tacme \n" }).haloTenant).toEqual({ value: "acme", changes: ["removed spaces around it"] });
    expect(normaliseConnectionSettings({ haloTenant: "acme corp" }).haloTenant?.error).toBe("A tenant name has no spaces.");
    expect(normaliseConnectionSettings({ haloTenant: "acme.halopsa.com/auth" }).haloTenant?.error).toMatch(/^Enter only the tenant name shown under Halo API > API Details/);
  });
});
