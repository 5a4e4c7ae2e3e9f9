import type { HaloClientRecord, HaloSiteRecord } from "@/lib/halo/records";
import type { HuduCompany } from "@/lib/hudu/schemas";
import { sameCompanyValue, squash } from "./compare";
import { contentHash } from "./field-values";
import { formatHaloIdStamp, haloClientIdOfCompany } from "./halo-id";
import type { PlanDecision, PlanStartInput } from "./plan-input";
import type { SyncSettings } from "./settings-schema";
import { recordKey, type CompanyWrite, type FieldChange, type PlanItem, type PlanWarning, type RecordKey, type SkipReason } from "./types";

/**
 * Companies: one item per Halo client. A matched client's company may get its empty details
 * filled (per the settings; never its name); a *create new* client gets a new company, unless
 * Hudu already has one for it (our id_number stamp, Hudu's own Halo link, or its name), which
 * rebuilds the link instead of creating a second company.
 */

/** Where a client's records go: a company (existing or created in this run), or nowhere, and why. */
export type CompanyTarget =
  | { ok: true; huduCompanyId: number | null; companyKey: RecordKey; companyName: string }
  | { ok: false; reason: SkipReason; companyName: string };

const ADDRESS_FIELDS = ["address_line_1", "address_line_2", "city", "state", "zip", "country_name"] as const;

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  id_number: "ID number (Halo id)",
  website: "Website",
  phone_number: "Phone",
  address_line_1: "Address line 1",
  address_line_2: "Address line 2",
  city: "City",
  state: "State",
  zip: "Postcode",
  country_name: "Country",
  notes: "Notes",
};

/** The company details Halo offers for a client, per the settings' toggles (the name aside). */
function haloCompanyDetails(client: HaloClientRecord, mainSite: HaloSiteRecord | undefined, settings: SyncSettings): Record<string, string | null> {
  const want = settings.company.create;
  const details: Record<string, string | null> = {};
  if (want.website) details.website = client.website;
  if (want.phone) details.phone_number = mainSite?.phone ?? null;
  if (want.address) {
    const a = mainSite?.address;
    details.address_line_1 = a?.line1 ?? null;
    details.address_line_2 = a?.line2 ?? null;
    details.city = a?.line3 ?? null;
    details.state = a?.line4 ?? null;
    details.zip = a?.postcode ?? null;
  }
  if (want.notes) details.notes = client.notes;
  return details;
}

const empty = (v: string | null | undefined) => v == null || v.trim() === "";

/** The changes a matched company gets under the policy (address fields move as one group). */
function companyChanges(company: HuduCompany, details: Record<string, string | null>, clientId: number, settings: SyncSettings): FieldChange[] {
  const policy = settings.company.matched;
  if (policy === "leave") return [];
  const current = company as unknown as Record<string, string | null>;
  const changes: FieldChange[] = [];
  const change = (key: string) => changes.push({ key, label: FIELD_LABELS[key] ?? key, old: current[key] ?? null, new: details[key] ?? null });

  const hasAddress = ADDRESS_FIELDS.some((k) => !empty(details[k]));
  const addressDiffers = ADDRESS_FIELDS.some((k) => k in details && !sameCompanyValue(k, current[k] ?? null, details[k] ?? null));
  const addressEmpty = ADDRESS_FIELDS.every((k) => empty(current[k]));
  if (hasAddress && addressDiffers && (policy === "overwrite" || addressEmpty)) {
    for (const k of ADDRESS_FIELDS) if (k in details && !sameCompanyValue(k, current[k] ?? null, details[k] ?? null)) change(k);
  }
  for (const key of Object.keys(details)) {
    if ((ADDRESS_FIELDS as readonly string[]).includes(key) || empty(details[key])) continue;
    if (sameCompanyValue(key, current[key] ?? null, details[key])) continue;
    if (policy === "overwrite" || empty(current[key])) change(key);
  }
  // Stamp the Halo id where the company has none, so a lost database can be rebuilt from Hudu.
  if (empty(company.id_number)) changes.push({ key: "id_number", label: FIELD_LABELS.id_number, old: null, new: formatHaloIdStamp(clientId) });
  return changes;
}

interface CompanyIndex {
  byId: Map<number, HuduCompany>;
  /** Companies that carry a Halo client id (our stamp or Hudu's own link). */
  byHaloClient: Map<number, HuduCompany>;
  /** Lower-cased name → company (Hudu's names are unique case-insensitively, archived included). */
  byName: Map<string, HuduCompany>;
}

function indexCompanies(companies: HuduCompany[], warnings: PlanWarning[]): CompanyIndex {
  const byId = new Map<number, HuduCompany>();
  const byHaloClient = new Map<number, HuduCompany>();
  const byName = new Map<string, HuduCompany>();
  for (const c of [...companies].sort((a, b) => Number(a.archived) - Number(b.archived) || a.id - b.id)) {
    byId.set(c.id, c);
    const haloId = haloClientIdOfCompany(c);
    if (haloId !== null) {
      const other = byHaloClient.get(haloId);
      if (other) warnings.push({ code: "duplicate-stamp", message: `Hudu companies "${other.name}" and "${c.name}" both carry Halo client ${haloId}; using "${other.name}".` });
      else byHaloClient.set(haloId, c);
    }
    const name = squash(c.name).toLowerCase();
    if (!byName.has(name)) byName.set(name, c);
  }
  return { byId, byHaloClient, byName };
}

export function planCompanies(input: PlanStartInput, warnings: PlanWarning[]): { items: PlanItem[]; targets: Map<number, CompanyTarget> } {
  const { settings } = input;
  const companies = indexCompanies(input.hudu.companies, warnings);
  const decisions = new Map<number, PlanDecision>(input.decisions.map((d) => [d.haloClientId, d]));
  const companyOwner = new Map<number, number>();
  for (const d of input.decisions) if (d.kind === "match" && d.huduCompanyId !== null) companyOwner.set(d.huduCompanyId, d.haloClientId);
  const sitesById = new Map(input.halo.sites.map((s) => [s.id, s]));
  const firstSiteOfClient = new Map<number, HaloSiteRecord>();
  for (const s of input.halo.sites) if (s.clientId !== null && !firstSiteOfClient.has(s.clientId)) firstSiteOfClient.set(s.clientId, s);

  const items: PlanItem[] = [];
  const targets = new Map<number, CompanyTarget>();
  const clients = [...input.halo.clients].sort((a, b) => a.id - b.id);
  // Names of the companies this plan creates: Hudu refuses a second company of the same name,
  // so of two *create new* clients named alike only the first (lowest Halo id) gets one.
  const creating = new Set<string>();

  for (const client of clients) {
    const name = squash(client.name);
    const key = recordKey("company", client.id);
    const base = { key, type: "company" as const, haloId: client.id, haloClientId: client.id, companyKey: key, name, changes: [] as FieldChange[] };
    const skip = (reason: SkipReason, companyName = name) => {
      targets.set(client.id, { ok: false, reason, companyName });
      items.push({ ...base, action: "skip", huduId: null, huduCompanyId: null, companyName, skipReason: reason, contentHash: "" });
    };

    const decision = decisions.get(client.id);
    if (client.inactive && !settings.options.includeInactive) {
      skip("client-inactive");
      continue;
    }
    if (!decision) {
      skip("client-undecided");
      continue;
    }
    if (decision.kind === "ignore") {
      skip("client-ignored");
      continue;
    }

    let existing: HuduCompany | undefined;
    let foundBy: PlanItem["foundBy"];
    if (decision.kind === "match") {
      existing = decision.huduCompanyId === null ? undefined : companies.byId.get(decision.huduCompanyId);
      if (!existing) {
        skip("company-missing");
        continue;
      }
      foundBy = "match";
    } else {
      existing = companies.byHaloClient.get(client.id);
      foundBy = existing ? "stamp" : undefined;
      if (!existing) {
        const sameName = companies.byName.get(name.toLowerCase());
        if (sameName) {
          const owner = companyOwner.get(sameName.id) ?? haloClientIdOfCompany(sameName);
          if (owner !== null && owner !== undefined && owner !== client.id) {
            skip("company-name-taken", squash(sameName.name));
            continue;
          }
          existing = sameName;
          foundBy = "name";
        }
      }
    }

    // Archived in Hudu (by hand, or before it was matched on the board, which shows it): the
    // match stands and its records are kept up to date, but Hudu hides them, so say so.
    if (existing?.archived) {
      warnings.push({
        code: "company-archived",
        message: `Hudu company "${squash(existing.name)}" (Halo client "${name}") is archived: its sites, contacts and contracts are kept up to date, but Hudu shows none of them until the company is unarchived.`,
      });
    }

    const mainSite = (client.mainSiteId !== null ? sitesById.get(client.mainSiteId) : undefined) ?? firstSiteOfClient.get(client.id);
    const details = haloCompanyDetails(client, mainSite, settings);

    if (existing) {
      const changes = companyChanges(existing, details, client.id, settings);
      const write: CompanyWrite | undefined = changes.length ? { kind: "company", fields: Object.fromEntries(changes.map((c) => [c.key, c.new])) } : undefined;
      targets.set(client.id, { ok: true, huduCompanyId: existing.id, companyKey: key, companyName: squash(existing.name) });
      items.push({
        ...base,
        action: changes.length ? "update" : "unchanged",
        huduId: existing.id,
        huduCompanyId: existing.id,
        companyName: squash(existing.name),
        changes,
        write,
        relink: foundBy !== "match" ? true : undefined,
        foundBy,
        contentHash: contentHash(details),
      });
      continue;
    }

    if (creating.has(name.toLowerCase())) {
      skip("company-name-twin");
      continue;
    }
    creating.add(name.toLowerCase());
    const fields: Record<string, string | null> = { name, id_number: formatHaloIdStamp(client.id) };
    for (const [k, v] of Object.entries(details)) if (!empty(v)) fields[k] = v!.trim();
    targets.set(client.id, { ok: true, huduCompanyId: null, companyKey: key, companyName: name });
    items.push({
      ...base,
      action: "create",
      huduId: null,
      huduCompanyId: null,
      companyName: name,
      changes: Object.entries(fields).map(([k, v]) => ({ key: k, label: FIELD_LABELS[k] ?? k, old: null, new: v })),
      write: { kind: "company", fields },
      contentHash: contentHash(details),
    });
  }
  return { items, targets };
}
