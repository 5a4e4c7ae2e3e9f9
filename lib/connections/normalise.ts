import { parse as parseDomain } from "tldts";
import { z } from "zod";

/**
 * Cleans connection settings as typed (or pasted) by an admin, and says what it changed in
 * plain words so the form can show "removed trailing /api/v1" beside the field.
 *
 * URLs: trimmed; https:// added when no scheme is given; query, fragment, doubled and closing
 * slashes removed (a closing `/` breaks naive clients); a Hudu URL with /api/v1 (or an endpoint
 * after it) is cut back to the instance address; a Halo address with an endpoint after /auth
 * (/token) or /api (/Client) is cut back to the server (the client adds the endpoint); a bare
 * host gets Halo's usual /auth or /api path; a host name that cannot exist is refused.
 * `http://` is accepted only for a server on this machine (loopback) or in simulator mode: over
 * plain http the client secret, the token and the API key cross the network readable.
 * Secrets and ids: trimmed, and whitespace inside removed (pasting across a line break adds
 * some; none of these values ever contains spaces). The values themselves never appear in a
 * change note or an error.
 */

export const connectionSettingsInputSchema = z.object({
  haloAuthUrl: z.string().optional(),
  haloResourceUrl: z.string().optional(),
  haloTenant: z.string().optional(),
  haloClientId: z.string().optional(),
  haloClientSecret: z.string().optional(),
  huduUrl: z.string().optional(),
  huduApiKey: z.string().optional(),
});
export type ConnectionSettingsInput = z.input<typeof connectionSettingsInputSchema>;
export type ConnectionField = keyof ConnectionSettingsInput;

export interface NormalisedField {
  value: string;
  /** Plain-words notes of what was changed, e.g. "removed trailing /api/v1". */
  changes: string[];
  /** Set when the value cannot be used; a message for beside the field. */
  error?: string;
}

export type NormalisedSettings = { [K in ConnectionField]?: NormalisedField } & {
  /** True when no field has an error. */
  ok: boolean;
};

type UrlKind = "haloAuth" | "haloResource" | "hudu";

export interface UrlRules {
  /** Accept http:// for any host (simulator mode); otherwise only for loopback addresses. */
  allowHttp?: boolean;
}

/** localhost, 127.0.0.0/8 and ::1: traffic to them never leaves this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Why an address may not be used over plain http, or undefined when it may. */
export function plainHttpError(address: URL | string, rules: UrlRules = {}): string | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined; // not an address at all: the caller's own checks say so
  }
  if (url.protocol !== "http:" || rules.allowHttp || isLoopbackHost(url.hostname)) return undefined;
  return "Use https://: over http:// the credentials would cross the network unencrypted. http:// is accepted only for a server on this machine (localhost) or in simulator mode.";
}

/** Scheme, host and port: where a credential sent to this address ends up. */
export function serverOf(address: string): string | undefined {
  try {
    return new URL(address).origin;
  } catch {
    return undefined;
  }
}

export function normaliseUrl(raw: string, kind: UrlKind, rules: UrlRules = {}): NormalisedField {
  const changes: string[] = [];
  let text = raw.trim();
  if (text !== raw) changes.push("removed spaces around the address");
  if (text === "") return { value: "", changes, error: "Enter the address." };
  if (/\s/.test(text)) return { value: text, changes, error: "The address contains spaces." };

  if (/^https?\/\//i.test(text)) return { value: text, changes, error: "The address must start with https:// (the colon after https is missing)." };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (!scheme) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+:\d/.test(text)) {
      return { value: text, changes, error: "The address must start with https://." };
    }
    text = `https://${text.replace(/^:?\/+/, "")}`;
    changes.push("added https://");
  } else if (!/^https?$/i.test(scheme[1])) {
    return { value: text, changes, error: "The address must start with https:// (or http:// for a local test server)." };
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { value: text, changes, error: "This is not a valid web address." };
  }
  if (!url.hostname || (!url.hostname.includes(".") && url.hostname !== "localhost" && !url.hostname.startsWith("["))) {
    return { value: text, changes, error: "The address needs a full host name, e.g. yourname.halopsa.com." };
  }
  if (url.username || url.password) return { value: text, changes, error: "Leave user names and passwords out of the address." };
  const isIp = url.hostname.startsWith("[") || /^[\d.]+$/.test(url.hostname);
  if (!isIp && parseDomain(url.hostname, { validateHostname: true }).hostname === null) {
    return { value: text, changes, error: `The host name "${url.hostname}" cannot exist: check for doubled dots, or a dash at the start or end of a part.` };
  }
  const insecure = plainHttpError(url, rules);
  if (insecure) return { value: text, changes, error: insecure };
  if (url.search) {
    changes.push("removed the query string");
    url.search = "";
  }
  if (url.hash) {
    changes.push("removed the # part");
    url.hash = "";
  }

  let path = url.pathname;
  if (/\/{2,}$/.test(path) || (path.length > 1 && path.endsWith("/"))) changes.push("removed the closing /");
  path = path.replace(/\/+$/, "");
  if (/\/{2,}/.test(path)) {
    changes.push("removed a doubled /");
    path = path.replace(/\/{2,}/g, "/");
  }

  const fail = (error: string): NormalisedField => ({ value: `${url.origin}${path}`, changes, error });

  if (kind === "hudu") {
    // /api/v1, or an endpoint copied with it (/api/v1/companies).
    const api = /\/api(\/v\d+)?(\/.*)?$/i.exec(path);
    if (api) {
      path = path.slice(0, -api[0].length);
      changes.push(`removed trailing ${api[0]} (the app adds /api/v1 itself)`);
    }
  } else if (kind === "haloAuth") {
    const endpoint = /^(.*?\/auth)(\/.+)$/i.exec(path);
    if (endpoint) {
      path = endpoint[1];
      changes.push(/^\/token$/i.test(endpoint[2]) ? "removed trailing /token (the app adds it)" : `removed ${endpoint[2]} after /auth (the app adds /token itself)`);
    } else if (/\/token$/i.test(path)) {
      path = path.replace(/\/token$/i, "");
      changes.push("removed trailing /token (the app adds it)");
    }
    if (path === "") {
      path = "/auth";
      changes.push("added /auth (Halo's usual authorisation path)");
    } else if (/\/api$/i.test(path)) {
      return fail("This looks like the resource server address (it ends in /api). The authorisation server usually ends in /auth.");
    }
  } else {
    const endpoint = /^(.*?\/api)(\/.+)$/i.exec(path);
    if (endpoint) {
      path = endpoint[1];
      changes.push(`removed ${endpoint[2]} after /api (the app adds each endpoint itself)`);
    }
    if (path === "") {
      path = "/api";
      changes.push("added /api (Halo's usual resource path)");
    } else if (/\/auth(\/token)?$/i.test(path)) {
      return fail("This looks like the authorisation server address (it ends in /auth). The resource server usually ends in /api.");
    }
  }

  const value = `${url.origin}${path}`;
  const typedHost = extractHost(text);
  if (typedHost !== url.host && typedHost.toLowerCase() === url.host) changes.push("lower-cased the host name");
  return { value, changes };
}

function extractHost(text: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(text);
  return m ? m[1] : "";
}

function normaliseToken(raw: string, what: string, required: boolean): NormalisedField {
  const changes: string[] = [];
  const trimmed = raw.trim();
  if (trimmed !== raw) changes.push("removed spaces around it");
  const value = trimmed.replace(/\s+/g, "");
  if (value !== trimmed) changes.push("removed spaces and line breaks inside it");
  if (required && value === "") return { value, changes, error: `Enter the ${what}.` };
  return { value, changes };
}

function normaliseTenant(raw: string): NormalisedField {
  const changes: string[] = [];
  const value = raw.trim();
  if (value !== raw) changes.push("removed spaces around it");
  if (/^[a-z]+:\/\//i.test(value) || value.includes("/")) {
    return { value, changes, error: "Enter only the tenant name shown under Halo API > API Details, not an address." };
  }
  if (/\s/.test(value)) return { value, changes, error: "A tenant name has no spaces." };
  return { value, changes };
}

export function normaliseConnectionSettings(input: unknown, rules: UrlRules = {}): NormalisedSettings {
  const parsed = connectionSettingsInputSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false };
  }
  const data = parsed.data;
  const out: NormalisedSettings = { ok: true };
  if (data.haloAuthUrl !== undefined) out.haloAuthUrl = normaliseUrl(data.haloAuthUrl, "haloAuth", rules);
  if (data.haloResourceUrl !== undefined) out.haloResourceUrl = normaliseUrl(data.haloResourceUrl, "haloResource", rules);
  if (data.huduUrl !== undefined) out.huduUrl = normaliseUrl(data.huduUrl, "hudu", rules);
  if (data.haloTenant !== undefined) out.haloTenant = normaliseTenant(data.haloTenant);
  if (data.haloClientId !== undefined) out.haloClientId = normaliseToken(data.haloClientId, "client ID", true);
  if (data.haloClientSecret !== undefined) out.haloClientSecret = normaliseToken(data.haloClientSecret, "client secret", true);
  if (data.huduApiKey !== undefined) out.huduApiKey = normaliseToken(data.huduApiKey, "API key", true);
  out.ok = (Object.keys(connectionSettingsInputSchema.shape) as ConnectionField[]).every((k) => !out[k]?.error);
  return out;
}
