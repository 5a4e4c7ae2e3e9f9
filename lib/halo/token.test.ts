import { describe, expect, it } from "vitest";
import type { HttpResponse } from "@/lib/http/request";
import { classifyTokenFailure } from "./token";

function response(status: number, body: unknown): HttpResponse {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return { status, headers: new Headers(), text, json: typeof body === "string" ? undefined : body, url: new URL("https://h.example/auth/token") };
}

describe("classifyTokenFailure", () => {
  it("reads invalid_client as bad credentials", () => {
    const e = classifyTokenFailure(response(401, { error: "invalid_client" }), { tenant: "acme" }, "");
    expect(e.code).toBe("halo_bad_credentials");
    expect(e.userMessage).toMatch(/client ID or client secret/);
    expect(classifyTokenFailure(response(400, { error: "invalid_grant" }), {}, "").code).toBe("halo_bad_credentials");
  });
  it("says check the tenant whenever the answer mentions it, whatever the status", () => {
    for (const [status, body] of [
      [400, { error: "invalid_request", error_description: "Tenant not found" }],
      [404, "Unknown tenant 'acme'"],
      [401, { message: "Invalid tenant" }],
    ] as const) {
      const e = classifyTokenFailure(response(status, body), { tenant: "acme" }, "");
      expect(e.code).toBe("halo_unknown_tenant");
      expect(e.userMessage).toMatch(/tenant "acme"/);
    }
  });
  it("reads a 404 without a tenant mention as no authorisation server at that URL", () => {
    const e = classifyTokenFailure(response(404, "<html>Not Found</html>"), {}, "");
    expect(e.code).toBe("halo_auth_not_found");
    expect(e.userMessage).toMatch(/does it end in \/auth/);
  });
});
