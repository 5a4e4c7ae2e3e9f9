/** Small helpers for tests that talk to the simulators (used by sim tests; handy elsewhere too). */
import type { HaloSim } from "./halo/server";
import type { HuduSim } from "./hudu/server";

export async function haloToken(sim: HaloSim, overrides: Record<string, string> = {}): Promise<string> {
  const res = await haloTokenResponse(sim, overrides);
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export function haloTokenResponse(sim: HaloSim, overrides: Record<string, string> = {}, query = `?tenant=${encodeURIComponent(sim.tenant)}`): Promise<Response> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: sim.clientId,
    client_secret: sim.clientSecret,
    scope: "all",
    ...overrides,
  });
  return fetch(`${sim.authUrl}/token${query}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
}

export function haloGet(sim: HaloSim, token: string, pathAndQuery: string): Promise<Response> {
  return fetch(`${sim.resourceUrl}${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
}

export function huduFetch(sim: HuduSim, method: string, pathAndQuery: string, body?: unknown): Promise<Response> {
  return fetch(`${sim.url}/api/v1${pathAndQuery}`, {
    method,
    headers: { "x-api-key": sim.apiKey, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** A complete asset layout body, as live Hudu needs it (an incomplete one answers 500). */
export function huduLayoutBody(name: string, fields: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) {
  return {
    asset_layout: {
      name,
      icon: "fas fa-box",
      color: "#6136ff",
      icon_color: "#ffffff",
      active: true,
      include_passwords: false,
      include_photos: false,
      include_comments: false,
      include_files: false,
      fields,
      ...extra,
    },
  };
}
