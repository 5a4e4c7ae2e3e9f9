import type { SyncRecordType } from "./types";

/**
 * Links from a report to the records in Halo's and Hudu's own web pages. Neither service
 * documents these addresses: the Halo ones are the agent app's customer and contract pages
 * [guess]; Hudu's company page is the company's `url` when we have it (the snapshot keeps it),
 * else /c/ by id [guess]. Pure: the caller gives the configured base addresses.
 */

/** Halo's web app lives where its API does, without the trailing /api. */
export function haloWebBase(resourceUrl: string): string {
  return resourceUrl.replace(/\/+$/, "").replace(/\/api$/i, "");
}

export function haloRecordUrl(
  webBase: string,
  record: { type: SyncRecordType; haloId: number; haloClientId: number | null },
): string {
  const client = record.haloClientId ?? (record.type === "company" ? record.haloId : null);
  const params = new URLSearchParams();
  if (record.type === "contract") return `${webBase}/contracts?contractid=${record.haloId}`;
  if (client !== null) params.set("clientid", String(client));
  if (record.type === "site") params.set("siteid", String(record.haloId));
  if (record.type === "contact") params.set("userid", String(record.haloId));
  return `${webBase}/customers?${params.toString()}`;
}

export function huduCompanyUrl(huduBase: string, company: { id: number; url?: string | null }): string {
  const base = huduBase.replace(/\/+$/, "");
  if (company.url) return /^https?:\/\//i.test(company.url) ? company.url : `${base}${company.url.startsWith("/") ? "" : "/"}${company.url}`;
  return `${base}/c/${company.id}`;
}
