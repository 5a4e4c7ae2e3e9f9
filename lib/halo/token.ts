import { z } from "zod";
import { SyncError } from "@/lib/errors";
import type { Clock } from "@/lib/http/rate-limiter";
import type { HttpClient, HttpResponse } from "@/lib/http/request";
import { buildUrl } from "@/lib/http/url";
import type { HaloConfig } from "./config";

/**
 * Client-credentials tokens for Halo: fetched on first use, cached, refreshed a little before
 * they expire, and thrown away when the resource server says 401 (the caller then asks again).
 * Concurrent callers share one token request.
 */

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.union([z.number(), z.string()]).optional(),
});

interface CachedToken {
  value: string;
  expiresAt: number;
  refreshAt: number;
}

/** Lifetime assumed when Halo does not say (its usual lifetime is an hour). */
const DEFAULT_LIFETIME_S = 3600;

export class HaloTokenProvider {
  private cached?: CachedToken;
  private pending?: Promise<CachedToken>;

  constructor(
    private readonly http: HttpClient,
    private readonly config: HaloConfig,
    private readonly clock: Clock,
  ) {}

  async get(signal?: AbortSignal): Promise<string> {
    const now = this.clock.now();
    if (this.cached && now < this.cached.refreshAt) return this.cached.value;
    this.pending ??= this.fetchToken(signal).finally(() => {
      this.pending = undefined;
    });
    this.cached = await this.pending;
    return this.cached.value;
  }

  /** Forget `token` (rejected by the resource server) so the next get() fetches a new one. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  private async fetchToken(signal?: AbortSignal): Promise<CachedToken> {
    const url = buildUrl(this.config.authUrl, "token", this.config.tenant ? { tenant: this.config.tenant } : undefined);
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
      scope: this.config.scope,
    });
    const response = await this.http.send({
      method: "POST",
      url,
      form,
      // Asking for a token twice is harmless, so time-outs and 5xx may be retried.
      idempotent: true,
      signal,
      operation: "get an access token",
      passStatuses: [400, 401, 403, 404, 405],
    });
    if (response.status !== 200 && response.status !== 201) {
      throw classifyTokenFailure(response, this.config, this.http.excerpt(response.text));
    }
    const parsed = tokenResponseSchema.safeParse(response.json);
    if (!parsed.success) {
      throw new SyncError({
        code: "halo_auth_not_found",
        service: "halo",
        status: response.status,
        userMessage:
          "The authorisation server answered, but not with a Halo token. Check the authorisation server URL: it usually ends in /auth (e.g. https://yourname.halopsa.com/auth).",
        detail: `POST ${url.pathname}: ${response.status}; body: ${this.http.excerpt(response.text)}`,
      });
    }
    const lifetimeS = Number(parsed.data.expires_in ?? DEFAULT_LIFETIME_S);
    const lifetimeMs = (Number.isFinite(lifetimeS) && lifetimeS > 0 ? lifetimeS : DEFAULT_LIFETIME_S) * 1000;
    const now = this.clock.now();
    // Refresh a minute early, or a tenth of the lifetime early for short-lived tokens.
    const margin = Math.min(60_000, lifetimeMs / 10);
    return { value: parsed.data.access_token, expiresAt: now + lifetimeMs, refreshAt: now + lifetimeMs - margin };
  }
}

/**
 * Reads a refused token request. Halo says `invalid_client` for a bad id or secret; what a wrong
 * tenant looks like is not documented, so any mention of the tenant wins, and a 404 from /token
 * means the URL is not an authorisation server (unless it talks about the tenant).
 */
export function classifyTokenFailure(response: HttpResponse, config: { tenant?: string }, excerpt: string): SyncError {
  const { status } = response;
  const body = response.json && typeof response.json === "object" ? (response.json as Record<string, unknown>) : {};
  const errorCode = typeof body.error === "string" ? body.error : "";
  const description = [body.error_description, body.message, body.detail, body.title]
    .filter((v): v is string => typeof v === "string")
    .join(" ");
  const text = `${errorCode} ${description} ${response.json === undefined ? response.text.slice(0, 500) : ""}`.toLowerCase();
  const detail = `POST token: ${status}; body: ${excerpt}`;
  const mentionsTenant = /tenant/.test(text);

  if (mentionsTenant) {
    return new SyncError({
      code: "halo_unknown_tenant",
      service: "halo",
      status,
      userMessage: config.tenant
        ? `Halo did not recognise the tenant "${config.tenant}". Check the tenant name under Configuration > Integrations > Halo API > API Details.`
        : "Halo needs a tenant name for this instance. Copy it from Configuration > Integrations > Halo API > API Details.",
      detail,
    });
  }
  if (status === 404 || status === 405) {
    return new SyncError({
      code: "halo_auth_not_found",
      service: "halo",
      status,
      userMessage:
        "No Halo authorisation server was found at that address. Check the authorisation server URL: does it end in /auth (e.g. https://yourname.halopsa.com/auth)?",
      detail,
    });
  }
  if (errorCode === "invalid_scope") {
    return new SyncError({
      code: "forbidden",
      service: "halo",
      status,
      userMessage: "Halo refused the requested permissions (scope). Check the API application's permissions in Halo.",
      detail,
    });
  }
  if (errorCode === "unauthorized_client" || errorCode === "unsupported_grant_type") {
    return new SyncError({
      code: "halo_bad_credentials",
      service: "halo",
      status,
      userMessage:
        "Halo refused this application for client-credentials sign-in. In Halo, set the API application's authentication method to Client ID and Secret (Services).",
      detail,
    });
  }
  return new SyncError({
    code: "halo_bad_credentials",
    service: "halo",
    status,
    userMessage: "Halo refused the client ID or client secret. Check both (copy them again from the API application in Halo).",
    detail,
  });
}
