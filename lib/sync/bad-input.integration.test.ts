import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveDecision } from "@/db/queries/match-decisions";
import { importItems, type ImportItemRow, type JobRun } from "@/db/schema";
import { startJob, waitForJob } from "@/lib/jobs/runner";
import type { HaloClient, HaloContract, HaloSite, HaloUser, HuduData } from "@/sim/data/types";
import { AWKWARD_FIRST_NAMES, AWKWARD_NAME_TEMPLATES, AWKWARD_NOTES, AWKWARD_SURNAMES } from "@/sim/data/vocab";
import { importJob } from "./import-job";
import { parseImportProgress } from "./import-progress";
import { setUpImport, type ImportSetup } from "./import-testing";
import { SKIP_REASON_TEXT } from "./types";

/**
 * Halo records with every awkward value the generator makes (HTML and <script>, emoji, very long
 * text, stray spaces and tabs, line breaks, duplicate names, missing names and e-mails, Halo's
 * placeholder ids and dates), imported into Hudu: they arrive as Halo holds them (names with
 * their stray spaces squashed, as every name we write) where Hudu takes them, and what cannot be
 * imported is reported with the reason, never lost silently and never stopping the run.
 */

const HALO_NO_DATE = "1899-12-30T00:00:00";
const SCRIPT_NAME = "<script>window.__pwned = true</script> Acme";
const IDS = { client: 800_000, site: 810_000, user: 820_000, contract: 830_000 };

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

interface Awkward {
  clients: HaloClient[];
  sites: HaloSite[];
  users: HaloUser[];
  contracts: HaloContract[];
}

/** One client per awkward name template, each with a site, a contact and a contract full of awkward values. */
function awkwardRecords(template: { client: HaloClient; site: HaloSite; user: HaloUser; contract: HaloContract }): Awkward {
  const out: Awkward = { clients: [], sites: [], users: [], contracts: [] };
  const names = [...AWKWARD_NAME_TEMPLATES.map((t, i) => t.replaceAll("{name}", `Quillfeather ${String.fromCharCode(65 + i)} Traders`)), SCRIPT_NAME];
  names.forEach((name, i) => {
    const clientId = IDS.client + i;
    const siteId = IDS.site + i;
    out.clients.push({ ...template.client, id: clientId, name, inactive: false, main_site_id: siteId, notes: AWKWARD_NOTES[i % AWKWARD_NOTES.length] });
    out.sites.push({ ...template.site, id: siteId, name: i % 2 ? `  Head  Office ${i} ` : `Main 🏢 ${i}`, client_id: clientId, client_name: name, inactive: false, notes: AWKWARD_NOTES[i % AWKWARD_NOTES.length] });
    const first = AWKWARD_FIRST_NAMES[i % AWKWARD_FIRST_NAMES.length];
    const last = AWKWARD_SURNAMES[i % AWKWARD_SURNAMES.length];
    out.users.push({
      ...template.user,
      id: IDS.user + i,
      name: i % 2 ? ` ${first}  ${last} ` : `${first} ${last}`,
      firstname: first,
      surname: last,
      // Halo's placeholder for "no e-mail" on every other contact.
      emailaddress: i % 2 ? "" : `${first.toLowerCase().normalize("NFD").replace(/[^a-z]/g, "")}@example.com`,
      title: i === 0 ? "Head of ☕ & <b>Snacks</b>" : "Manager",
      site_id: siteId,
      site_id_int: siteId,
      client_id: clientId,
      client_name: name,
      inactive: false,
    });
    out.contracts.push({
      ...template.contract,
      id: IDS.contract + i,
      client_id: clientId,
      client_name: name,
      ref: i === 0 ? "<i>REF</i> 🚀 0" : `REF-${i}`,
      active: true,
      expired: false,
      contract_status: "Active",
      // Halo's placeholders: no site (-1), no end date (the 1899-12-30 "empty" date).
      site_id: -1,
      end_date: HALO_NO_DATE,
    });
  });
  const first = out.clients[0];
  // The same person typed twice: two Halo users, two contacts.
  out.users.push({ ...out.users[0], id: IDS.user + 100 });
  // No display name: the contact is named from first and last name.
  out.users.push({ ...out.users[0], id: IDS.user + 101, name: "", firstname: "Noname", surname: "Person", emailaddress: "" });
  // No name and no e-mail at all: nothing to call it by.
  out.users.push({ ...out.users[0], id: IDS.user + 102, name: "", firstname: "", surname: "", emailaddress: "" });
  // A client with no name, and two create-new clients with the same name.
  out.clients.push({ ...first, id: IDS.client + 100, name: "   ", main_site_id: -1 });
  out.clients.push({ ...first, id: IDS.client + 101, name: "Twin Name Ltd", main_site_id: -1 });
  out.clients.push({ ...first, id: IDS.client + 102, name: "twin  name ltd", main_site_id: -1 });
  return out;
}

describe("an import of Halo records full of awkward values", () => {
  let setup: ImportSetup;
  let run: JobRun;
  let records: Awkward;
  let items: ImportItemRow[];

  beforeAll(async () => {
    setup = await setUpImport({ size: "tiny", seed: 5 });
    const { halo } = setup.sims.generated;
    const contract = halo.contracts.find((c) => c.active)!;
    records = awkwardRecords({ client: halo.clients[0], site: halo.sites[0], user: halo.users.find((u) => u.emailaddress)!, contract });
    setup.sims.halo.editData((data) => {
      data.clients.push(...records.clients);
      data.sites.push(...records.sites);
      data.users.push(...records.users);
      data.contracts.push(...records.contracts);
    });
    for (const client of records.clients) {
      saveDecision({ db: setup.db, decision: { haloClientId: client.id, kind: "create", haloClientName: client.name }, decidedBy: "test", source: "manual" });
    }
    const started = startJob(importJob({ connect: setup.connect }), { db: setup.db, startedBy: "admin@example.com" });
    run = (await waitForJob(started.run.id))!;
    items = setup.db.select().from(importItems).where(eq(importItems.runId, run.id)).all();
  }, 120_000);
  afterAll(() => setup?.close());

  const hudu = () => setup.sims.hudu.control.state() as HuduData;
  const companyOf = (haloClientId: number) => hudu().companies.filter((c) => c.id_number === `halo:${haloClientId}`);
  const assetOf = (layout: string, haloId: number) => {
    const state = hudu();
    const layoutId = state.assetLayouts.find((l) => l.name === layout)!.id;
    return state.assets.filter((a) => a.asset_layout_id === layoutId && a.fields.some((f) => f.label === "Halo ID" && f.value === String(haloId)));
  };
  const field = (asset: HuduData["assets"][number], label: string) => asset.fields.find((f) => f.label === label)?.value;

  it("finishes the run; nothing awkward stops it", () => {
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(items.filter((i) => i.outcome === null)).toEqual([]);
  });

  it("gives each awkward client its company, the name as Halo has it (HTML, script, emoji and long text intact; stray spaces squashed)", () => {
    for (const client of records.clients.filter((c) => c.id < IDS.client + 100)) {
      const companies = companyOf(client.id);
      expect(companies, client.name).toHaveLength(1);
      expect(companies[0].name).toBe(squash(client.name));
      expect(companies[0].notes).toBe(client.notes!.trim());
    }
    expect(companyOf(IDS.client + AWKWARD_NAME_TEMPLATES.length)[0].name).toBe(SCRIPT_NAME);
    expect(records.clients.some((c) => c.name.length > 200)).toBe(true);
  });

  it("imports sites, contacts and contracts with their awkward text intact, and Halo's placeholders as empty", () => {
    for (const site of records.sites) {
      const [asset] = assetOf("Sites", site.id);
      expect(asset.name).toBe(squash(site.name));
      expect(field(asset, "Notes")).toBe(site.notes!.trim());
    }
    for (const user of records.users.filter((u) => u.id < IDS.user + 100)) {
      const [asset] = assetOf("Contacts", user.id);
      expect(asset.name).toBe(squash(user.name));
      expect([field(asset, "First Name"), field(asset, "Last Name")]).toEqual([user.firstname, user.surname]);
      // Halo's "" for no e-mail leaves the field empty.
      expect(field(asset, "Email")).toBe(user.emailaddress || undefined);
      expect(field(asset, "Job Title")).toBe(user.title);
    }
    expect(field(assetOf("Contacts", IDS.user)[0], "Job Title")).toBe("Head of ☕ & <b>Snacks</b>");
    for (const contract of records.contracts) {
      const [asset] = assetOf("Contracts", contract.id);
      expect(asset.name).toBe(contract.ref);
      // No site (-1) and no end date (1899-12-30): nothing written, not a link to nowhere or year 1899.
      expect(field(asset, "Site")).toBeUndefined();
      expect(field(asset, "End Date")).toBeUndefined();
      expect(field(asset, "Start Date")).toMatch(/^\d{4}\/\d{2}\/\d{2}$/);
    }
  });

  it("imports the same person typed twice as two contacts, and names a contact without a display name from first and last name", () => {
    expect(assetOf("Contacts", IDS.user + 100)).toHaveLength(1);
    expect(assetOf("Contacts", IDS.user + 100)[0].name).toBe(assetOf("Contacts", IDS.user)[0].name);
    expect(assetOf("Contacts", IDS.user + 101).map((a) => a.name)).toEqual(["Noname Person"]);
  });

  it("reports what cannot be imported, with the reason: a client or contact with no name, the second of two clients named alike", () => {
    const warnings = parseImportProgress(JSON.parse(run.progressJson)).warnings.join("\n");
    expect(warnings).toMatch(new RegExp(`client ${IDS.client + 100}.*has no name|has no name.*${IDS.client + 100}`));
    expect(warnings).toMatch(new RegExp(`user ${IDS.user + 102}.*no name|no name.*${IDS.user + 102}`));
    expect(companyOf(IDS.client + 100)).toEqual([]);
    expect(assetOf("Contacts", IDS.user + 102)).toEqual([]);

    expect(companyOf(IDS.client + 101).map((c) => c.name)).toEqual(["Twin Name Ltd"]);
    expect(companyOf(IDS.client + 102)).toEqual([]);
    expect(items.find((i) => i.key === `company:${IDS.client + 102}`)).toMatchObject({ outcome: "skipped", message: `Skipped: ${SKIP_REASON_TEXT["company-name-twin"]}.` });
    expect(items.filter((i) => i.outcome === "failed")).toEqual([]);
  });
});
