import { describe, expect, it } from "vitest";
import { clientAddress, servedOverHttps } from "./request-facts";

describe("clientAddress", () => {
  it("believes no forwarding header without a trusted proxy", () => {
    const headers = new Headers({ "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8" });
    expect(clientAddress(headers, 0)).toBeUndefined();
  });

  it("takes the address the nearest trusted proxy appended, not what the client wrote before it", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; the proxy appended the address it saw.
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" });
    expect(clientAddress(headers, 1)).toBe("203.0.113.7");
    // Two proxies: the outer one's entry is second from the right.
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }), 2)).toBe("203.0.113.7");
    expect(clientAddress({ "x-forwarded-for": ["6.6.6.6", "203.0.113.8"] }, 1)).toBe("203.0.113.8");
    expect(clientAddress({ "x-real-ip": " 203.0.113.9 " }, 1)).toBe("203.0.113.9");
    expect(clientAddress(undefined, 1)).toBeUndefined();
  });
});

describe("servedOverHttps", () => {
  it("is true for an https public URL, whatever the headers", () => {
    expect(servedOverHttps({ headers: new Headers(), publicUrl: "https://sync.example.com", trustProxy: 0 })).toBe(true);
  });

  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    const headers = new Headers({ "x-forwarded-proto": "https" });
    expect(servedOverHttps({ headers, publicUrl: "http://localhost:3000", trustProxy: 0 })).toBe(false);
    expect(servedOverHttps({ headers, publicUrl: "http://localhost:3000", trustProxy: 1 })).toBe(true);
    expect(servedOverHttps({ headers: new Headers({ "x-forwarded-proto": "http" }), publicUrl: undefined, trustProxy: 1 })).toBe(false);
  });
});
