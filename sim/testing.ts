/** Small helpers for tests that talk to the simulators (used by sim tests; handy elsewhere too). */
import type { HaloSim } from "./halo/server";
import type { HuduData } from "./data/types";
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

export function huduFetch(sim: HuduSim, method: string, pathAndQuery: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${sim.url}/api/v1${pathAndQuery}`, {
    method,
    headers: { "x-api-key": sim.apiKey, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
}

/**
 * What Hudu holds, without ids, slugs or timestamps: one line per company and per asset (with
 * its company, layout, fields, and AssetTag links as the linked assets' names), sorted. Two
 * simulators given the same work end with equal summaries however the work was interrupted;
 * a record created twice shows as a repeated line.
 */
export function summariseHuduState(state: HuduData): { companies: string[]; assets: string[] } {
  const companyName = new Map(state.companies.map((c) => [c.id, c.name]));
  const layoutName = new Map(state.assetLayouts.map((l) => [l.id, l.name]));
  const assetName = new Map(state.assets.map((a) => [a.id, a.name]));
  const companies = state.companies.map((c) =>
    JSON.stringify([c.name, c.id_number, c.archived, c.website, c.phone_number, c.address_line_1, c.address_line_2, c.city, c.state, c.zip, c.country_name, c.notes]),
  );
  const assets = state.assets.map((a) => {
    const fields = [...a.fields]
      .sort((x, y) => x.label.localeCompare(y.label))
      .map((f) => [f.label, Array.isArray(f.value) && f.value.every((v) => typeof v === "number") ? f.value.map((id) => assetName.get(id as number) ?? `#${id}`) : f.value]);
    return JSON.stringify([companyName.get(a.company_id) ?? `#${a.company_id}`, layoutName.get(a.asset_layout_id) ?? `#${a.asset_layout_id}`, a.name, a.archived, fields]);
  });
  return { companies: companies.sort(), assets: assets.sort() };
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
