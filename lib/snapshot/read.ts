import type { NewSnapshotHaloClient, NewSnapshotHuduCompany, SnapshotProgress } from "@/db/queries/snapshots";
import type { HaloClient, HaloClientRecord, HaloSiteRecord, HaloUserRecord } from "@/lib/halo";
import type { HuduClient, HuduCompany } from "@/lib/hudu";

/**
 * Reads both sides into snapshot rows: one paged sweep per Halo type (clients with the inactive
 * ones, then active sites, then active users), never a request per client, then Hudu's companies
 * (active and archived). Nothing is written here; the caller saves the result in one go.
 */

export interface SnapshotData {
  haloClients: NewSnapshotHaloClient[];
  huduCompanies: NewSnapshotHuduCompany[];
  /** Records skipped or sweeps cut short, in plain words. */
  warnings: string[];
  progress: SnapshotProgress;
}

/** Most e-mail domains kept per client: evidence, not an inventory. */
const MAX_DOMAINS = 10;
/** Progress is reported at most this often while records stream in. */
const PROGRESS_EVERY = 100;

export async function readSnapshotData({
  halo,
  hudu,
  onProgress = () => {},
  signal,
}: {
  halo: HaloClient;
  hudu: HuduClient;
  onProgress?: (progress: SnapshotProgress) => void;
  signal?: AbortSignal;
}): Promise<SnapshotData> {
  const warnings: string[] = [];
  const progress: SnapshotProgress = { haloClients: 0, haloSites: 0, haloUsers: 0, huduCompanies: 0 };
  const report = (change: SnapshotProgress) => {
    Object.assign(progress, change);
    onProgress({ ...progress });
  };
  const onProblem = (problem: { message: string }) => warnings.push(problem.message);

  report({ phase: "halo-clients" });
  const clients: HaloClientRecord[] = [];
  const clientListing = halo.listClients({ includeInactive: true, onProblem, signal });
  for await (const client of clientListing) {
    clients.push(client);
    if (clients.length % PROGRESS_EVERY === 0) report({ haloClients: clients.length, haloClientsTotal: clientListing.recordCount ?? null });
  }
  report({ haloClients: clients.length, haloClientsTotal: clientListing.recordCount ?? clients.length });

  report({ phase: "halo-sites" });
  const sites: HaloSiteRecord[] = [];
  const siteListing = halo.listSites({ onProblem, signal });
  for await (const site of siteListing) {
    sites.push(site);
    if (sites.length % PROGRESS_EVERY === 0) report({ haloSites: sites.length, haloSitesTotal: siteListing.recordCount ?? null });
  }
  report({ haloSites: sites.length, haloSitesTotal: siteListing.recordCount ?? sites.length });

  report({ phase: "halo-users" });
  const users: HaloUserRecord[] = [];
  const userListing = halo.listUsers({ onProblem, signal });
  for await (const user of userListing) {
    users.push(user);
    if (users.length % PROGRESS_EVERY === 0) report({ haloUsers: users.length, haloUsersTotal: userListing.recordCount ?? null });
  }
  report({ haloUsers: users.length, haloUsersTotal: userListing.recordCount ?? users.length });

  report({ phase: "hudu-companies" });
  // Active and archived, each record's own flag deciding (a Hudu may ignore archived=true: a warning).
  const companies = await hudu.listAllCompanies({ signal, onProblem });
  report({ huduCompanies: companies.length });

  return {
    haloClients: summariseHaloClients({ clients, sites, users }),
    huduCompanies: companies.map(toSnapshotCompany),
    warnings,
    progress,
  };
}

export function toSnapshotCompany(company: HuduCompany): NewSnapshotHuduCompany {
  return {
    id: company.id,
    name: company.name.trim(),
    nickname: blankToNull(company.nickname),
    website: blankToNull(company.website),
    phone: blankToNull(company.phone_number),
    idNumber: blankToNull(company.id_number),
    integrationsJson: JSON.stringify(
      company.integrations
        .filter((i) => i.sync_id !== null || i.integrator_name !== null)
        .map((i) => ({ integratorName: i.integrator_name ?? "", syncId: i.sync_id })),
    ),
    archived: company.archived,
    url: blankToNull(company.full_url) ?? blankToNull(company.url),
  };
}

/**
 * Folds sites and users into their clients, from what Halo's lists carry (a sweep never sees the
 * detail-only `main_phonenumber`, `domain`, site `emaildomain` or user `email2`/`email3`):
 * counts, the phone of the client's main site (else of any site), and the e-mail domains of the
 * client's users, most used first. The website comes from the client list itself.
 */
export function summariseHaloClients({
  clients,
  sites,
  users,
}: {
  clients: HaloClientRecord[];
  sites: HaloSiteRecord[];
  users: HaloUserRecord[];
}): NewSnapshotHaloClient[] {
  const sitesByClient = groupBy(sites, (s) => s.clientId);
  const usersByClient = groupBy(users, (u) => u.clientId);
  return clients.map((client) => {
    const clientSites = sitesByClient.get(client.id) ?? [];
    const clientUsers = usersByClient.get(client.id) ?? [];
    const mainSite = clientSites.find((s) => s.id === client.mainSiteId);
    const phone = blankToNull(mainSite?.phone) ?? clientSites.map((s) => blankToNull(s.phone)).find(Boolean) ?? null;
    return {
      id: client.id,
      name: client.name.trim(),
      website: blankToNull(client.website),
      phone,
      emailDomainsJson: JSON.stringify(emailDomains(clientUsers)),
      siteCount: clientSites.length,
      userCount: clientUsers.length,
      inactive: client.inactive === true,
    };
  });
}

function emailDomains(users: HaloUserRecord[]): string[] {
  const tally = new Map<string, number>();
  for (const user of users) {
    const domain = domainOf(user.email);
    if (domain) tally.set(domain, (tally.get(domain) ?? 0) + 1);
  }
  return [...tally.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_DOMAINS)
    .map(([domain]) => domain);
}

/** "Ann <ann@Acme.com>" → "acme.com"; a bare domain ("acme.com", "@acme.com") is taken as is. */
export function domainOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim().toLowerCase();
  const at = text.lastIndexOf("@");
  const domain = (at >= 0 ? text.slice(at + 1) : text).replace(/[>\s;,].*$/, "").replace(/\.+$/, "");
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : null;
}

function groupBy<T>(items: T[], key: (item: T) => number | null): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function blankToNull(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}
