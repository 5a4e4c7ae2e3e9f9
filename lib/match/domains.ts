import { getDomain } from "tldts";
import { asText } from "./clean-text";

/**
 * Website and e-mail domains. Two records sharing a registrable domain (public-suffix aware:
 * acme.co.uk, acme.com.au) is strong evidence, except for mail providers (no evidence at all)
 * and shared hosts such as Facebook or Wix, where only the same page counts, and more weakly.
 */

/** Registrable domains of mail providers; an address there says nothing about the company. */
export const MAIL_PROVIDER_DOMAINS: ReadonlySet<string> = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "passport.com",
  "yahoo.com", "ymail.com", "rocketmail.com", "icloud.com", "me.com", "mac.com", "aol.com", "aim.com",
  "protonmail.com", "proton.me", "pm.me", "gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com", "email.com",
  "zoho.com", "zohomail.com", "yandex.com", "yandex.ru", "mail.ru", "qq.com", "163.com", "126.com",
  "fastmail.com", "fastmail.fm", "hey.com", "tutanota.com", "tuta.io",
  "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net", "cox.net", "charter.net",
  "earthlink.net", "juno.com", "optonline.net", "roadrunner.com", "rr.com", "frontier.com", "windstream.net",
  "shaw.ca", "rogers.com", "sympatico.ca", "telus.net", "videotron.ca",
  "btinternet.com", "btopenworld.com", "sky.com", "virginmedia.com", "blueyonder.co.uk", "ntlworld.com",
  "talktalk.net", "tiscali.co.uk", "plus.com", "aol.co.uk",
  "eircom.net", "iol.ie",
  "bigpond.com", "bigpond.net.au", "bigpond.com.au", "optusnet.com.au", "iinet.net.au", "tpg.com.au",
  "internode.on.net", "westnet.com.au", "dodo.com.au", "ozemail.com.au",
  "xtra.co.nz", "orcon.net.nz", "slingshot.co.nz", "clear.net.nz",
  "orange.fr", "wanadoo.fr", "free.fr", "laposte.net", "libero.it", "t-online.de",
]);

/** First labels of providers that exist under many suffixes (hotmail.co.uk, yahoo.com.au…). */
const MAIL_PROVIDER_LABELS: ReadonlySet<string> = new Set([
  "gmail", "googlemail", "hotmail", "outlook", "live", "msn", "yahoo", "ymail", "icloud", "aol", "gmx",
  "bigpond", "optusnet", "btinternet", "protonmail", "yandex", "windowslive",
]);

/** Hosts where a page path identifies the business: facebook.com/acme. */
const PATH_PLATFORMS: Readonly<Record<string, string>> = {
  "facebook.com": "Facebook page",
  "fb.com": "Facebook page",
  "fb.me": "Facebook page",
  "instagram.com": "Instagram page",
  "linkedin.com": "LinkedIn page",
  "twitter.com": "X/Twitter page",
  "x.com": "X/Twitter page",
  "youtube.com": "YouTube channel",
  "tiktok.com": "TikTok page",
  "yelp.com": "Yelp page",
  "yell.com": "Yell page",
  "linktr.ee": "Linktree page",
  "google.com": "Google page",
  "goo.gl": "Google page",
  "g.page": "Google page",
  "nextdoor.com": "Nextdoor page",
  "wix.com": "Wix page",
};

/** Hosts where each customer gets a subdomain: acme.wixsite.com, acme.squarespace.com. */
const SUBDOMAIN_PLATFORMS: ReadonlySet<string> = new Set([
  "wixsite.com", "squarespace.com", "weebly.com", "wordpress.com", "blogspot.com", "godaddysites.com",
  "business.site", "webflow.io", "github.io", "netlify.app", "vercel.app", "myshopify.com", "square.site",
  "jimdofree.com", "jimdo.com", "site123.me", "carrd.co", "strikingly.com", "mystrikingly.com",
  "yolasite.com", "tumblr.com", "webnode.com", "wixstudio.io", "myportfolio.com", "azurewebsites.net",
  "herokuapp.com", "pages.dev", "web.app", "firebaseapp.com", "sites.google.com", "ueniweb.com",
]);

/** Second-level labels under which each body registers one more level (carrawong.nsw.gov.au). */
const REGIONAL_SECOND_LEVEL: ReadonlySet<string> = new Set([
  "nsw", "vic", "qld", "wa", "sa", "tas", "act", "nt", "k12",
]);

/** Lower-case host name of a URL, bare domain or e-mail address, without "www."; null if none. */
const hostCache = new Map<string, string | null>();

export function extractHostname(input: unknown): string | null {
  const raw = asText(input);
  if (raw === "" || raw.length > 2000) return null;
  const cached = hostCache.get(raw);
  if (cached !== undefined) return cached;
  const host = parseHostname(raw);
  if (hostCache.size > 200_000) hostCache.clear();
  hostCache.set(raw, host);
  return host;
}

function parseHostname(raw: string): string | null {
  let text = raw.trim().toLowerCase();
  text = text.replace(/^mailto:/, "");
  const at = text.lastIndexOf("@");
  if (at >= 0 && !/[/?#]/.test(text.slice(0, at))) text = text.slice(at + 1);
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/^\/\//, "");
  const end = text.search(/[/?#\\\s]/);
  let host = end >= 0 ? text.slice(0, end) : text;
  const atInHost = host.lastIndexOf("@");
  if (atInHost >= 0) host = host.slice(atInHost + 1);
  host = host.replace(/:\d*$/, "").replace(/\.+$/, "").replace(/^www\d*\./, "");
  if (!/^[a-z0-9][a-z0-9.-]*\.[a-z0-9-]*[a-z][a-z0-9-]*$/.test(host)) return null; // needs a dot and a letter TLD
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return null;
  return host;
}

const domainCache = new Map<string, string | null>();

function registrableFromHost(host: string): string | null {
  const cached = domainCache.get(host);
  if (cached !== undefined) return cached;
  let domain = getDomain(host, { extractHostname: false, validateHostname: false, detectIp: false });
  if (!domain) {
    // The host is itself a public suffix under a wildcard rule (e.g. *.sch.uk): it is the domain.
    domain = host.split(".").length >= 2 ? host : null;
  } else {
    const first = domain.split(".")[0];
    if (REGIONAL_SECOND_LEVEL.has(first) && host.length > domain.length) {
      const labels = host.split(".");
      domain = labels.slice(labels.length - domain.split(".").length - 1).join(".");
    }
  }
  if (domainCache.size > 200_000) domainCache.clear();
  domainCache.set(host, domain);
  return domain;
}

/** Registrable domain of a URL, bare domain or e-mail address ("https://www.acme.co.uk/x" → "acme.co.uk"). */
export function registrableDomain(input: unknown): string | null {
  const host = extractHostname(input);
  return host ? registrableFromHost(host) : null;
}

export function isMailProvider(domain: string | null | undefined): boolean {
  if (!domain) return false;
  if (MAIL_PROVIDER_DOMAINS.has(domain)) return true;
  const dot = domain.indexOf(".");
  return MAIL_PROVIDER_LABELS.has(dot > 0 ? domain.slice(0, dot) : domain);
}

export function isSharedHost(domain: string | null | undefined): boolean {
  if (!domain) return false;
  return domain in PATH_PLATFORMS || SUBDOMAIN_PLATFORMS.has(domain);
}

/** What a website or mail domain tells about its owner. */
export interface SiteKey {
  /** "acme.com" for an own domain; "facebook.com/acme" for a page on a shared host. */
  key: string;
  kind: "domain" | "page";
  /** Human label for the page kind, e.g. "Facebook page"; "" for an own domain. */
  label: string;
}

function pageKey(domain: string, host: string, input: string): SiteKey | null {
  if (SUBDOMAIN_PLATFORMS.has(domain) || SUBDOMAIN_PLATFORMS.has(host)) {
    const sub = host.slice(0, Math.max(0, host.length - domain.length - 1));
    const path = pathSegments(input);
    // Wix puts the site name in the path; others in the subdomain.
    const key = domain === "wixsite.com" && path[0] ? `${host}/${path[0]}` : host === "sites.google.com" ? `${host}/${path.join("/")}` : host;
    if (!sub && key === host) return null;
    return { key, kind: "page", label: "page on " + domain };
  }
  const label = PATH_PLATFORMS[domain];
  if (!label) return null;
  const path = pathSegments(input).filter((s) => !["pages", "pg", "people", "company", "biz", "in", "groups", "channel", "c", "user", "profile.php", "p"].includes(s));
  if (path.length === 0) return null;
  return { key: `${domain}/${path[0]}`, kind: "page", label };
}

function pathSegments(input: string): string[] {
  const text = input.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  const slash = text.indexOf("/");
  if (slash < 0) return [];
  return text
    .slice(slash + 1)
    .replace(/[?#].*$/, "")
    .split("/")
    .map((s) => s.replace(/^@/, "").trim())
    .filter((s) => s !== "" && !/^\d{6,}$/.test(s));
}

/** Evidence key of a website: its registrable domain, or the page on a shared host; null if none. */
export function websiteKey(input: unknown): SiteKey | null {
  const text = asText(input);
  const host = extractHostname(text);
  if (!host) return null;
  const domain = registrableFromHost(host);
  if (!domain || isMailProvider(domain)) return null;
  if (isSharedHost(domain) || SUBDOMAIN_PLATFORMS.has(host)) return pageKey(domain, host, text);
  return { key: domain, kind: "domain", label: "" };
}

/** Registrable domain of an e-mail domain or address, or null for mail providers and shared hosts. */
export function emailDomainKey(input: unknown): string | null {
  const domain = registrableDomain(input);
  if (!domain || isMailProvider(domain) || isSharedHost(domain)) return null;
  return domain;
}

/** "acme.co.uk" → "acme": used to tell "same name, other country" (acme.com vs acme.com.au). */
export function domainLabel(domain: string): string {
  const dot = domain.indexOf(".");
  return dot > 0 ? domain.slice(0, dot) : domain;
}
