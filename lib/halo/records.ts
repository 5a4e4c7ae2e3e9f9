import { z } from "zod";
import { haloBool, haloDateTime, haloId, haloInt, haloNumber, haloRefId, haloText } from "./values";

/**
 * Halo records as the rest of the app sees them: camelCase, nulls for "none", ids as ints,
 * date-times as ISO UTC strings (see parseHaloDateTime). Each schema reads both the list shape
 * and the detail shape (`/Client/{id}` carries more properties than `/Client`), and ignores
 * properties it does not use. Fields marked "detail only" are never in a list, so they are
 * always null in records from a sweep (listClients and the like): do not rely on them there.
 */

const requiredName = (what: string) =>
  haloText.pipe(z.string({ error: `the ${what} has no name` }));

// ---------------------------------------------------------------- Client

export const haloClientSchema = z
  .object({
    id: haloId,
    name: requiredName("client"),
    inactive: haloBool,
    toplevel_id: haloRefId,
    toplevel_name: haloText,
    website: haloText,
    main_site_id: haloRefId,
    main_site_name: haloText,
    main_phonenumber: haloText,
    main_contact_name: haloText,
    domain: haloText,
    trading_name: haloText,
    accountsemailaddress: haloText,
    notes: haloText,
    ref: haloText,
    datecreated: haloDateTime,
    hudu_url: haloText,
    azure_tenant_id: haloText,
  })
  .transform((r) => ({
    id: r.id,
    name: r.name,
    inactive: r.inactive,
    topLevelId: r.toplevel_id,
    topLevelName: r.toplevel_name,
    website: r.website,
    mainSiteId: r.main_site_id,
    notes: r.notes,
    ref: r.ref,
    // Detail only from here on (`/Client/{id}` adds them).
    mainSiteName: r.main_site_name,
    phone: r.main_phonenumber,
    mainContactName: r.main_contact_name,
    /** Halo's `domain`: the e-mail domain used to route mail to this client. */
    emailDomain: r.domain,
    tradingName: r.trading_name,
    accountsEmail: r.accountsemailaddress,
    createdAt: r.datecreated,
    huduUrl: r.hudu_url,
    azureTenantId: r.azure_tenant_id,
  }));

export type HaloClientRecord = z.output<typeof haloClientSchema>;

// ---------------------------------------------------------------- Site

export interface HaloAddress {
  line1: string | null;
  line2: string | null;
  /** By Halo convention the town. */
  line3: string | null;
  /** By Halo convention the state or county. */
  line4: string | null;
  postcode: string | null;
}

const addressStoreSchema = z
  .object({ line1: haloText, line2: haloText, line3: haloText, line4: haloText, postcode: haloText })
  .nullish()
  .transform((a): HaloAddress | null => {
    if (!a) return null;
    return Object.values(a).some((v) => v !== null) ? a : null;
  });

export const haloSiteSchema = z
  .object({
    id: haloId,
    name: requiredName("site"),
    client_id: haloRefId,
    client_name: haloText,
    clientsite_name: haloText,
    inactive: haloBool,
    phonenumber: haloText,
    maincontact_id: haloRefId,
    maincontact_name: haloText,
    timezone: haloText,
    notes: haloText,
    emaildomain: haloText,
    delivery_address: addressStoreSchema,
    invoice_address: addressStoreSchema,
    delivery_address_line1: haloText,
    delivery_address_line2: haloText,
    delivery_address_line3: haloText,
    delivery_address_line4: haloText,
    delivery_address_line5: haloText,
  })
  .transform((r) => {
    // Lists (with includeaddress=true) give five flat lines; details give an AddressStore.
    // [guess] The fifth list line is the postcode, as AddressStore has line1-4 plus postcode.
    const listLines: HaloAddress = {
      line1: r.delivery_address_line1,
      line2: r.delivery_address_line2,
      line3: r.delivery_address_line3,
      line4: r.delivery_address_line4,
      postcode: r.delivery_address_line5,
    };
    const fromList = Object.values(listLines).some((v) => v !== null) ? listLines : null;
    return {
      id: r.id,
      name: r.name,
      clientId: r.client_id,
      clientName: r.client_name,
      inactive: r.inactive,
      phone: r.phonenumber,
      mainContactId: r.maincontact_id,
      /** Detail only. */
      mainContactName: r.maincontact_name,
      timezone: r.timezone,
      notes: r.notes,
      /** Detail only. */
      emailDomain: r.emaildomain,
      address: r.delivery_address ?? fromList,
      /** Detail only. */
      invoiceAddress: r.invoice_address,
    };
  });

export type HaloSiteRecord = z.output<typeof haloSiteSchema>;

// ---------------------------------------------------------------- Users (contacts)

export const haloUserSchema = z
  .object({
    id: haloId,
    name: haloText,
    firstname: haloText,
    surname: haloText,
    title: haloText,
    emailaddress: haloText,
    email2: haloText,
    email3: haloText,
    phonenumber: haloText,
    mobilenumber: haloText,
    mobilenumber2: haloText,
    site_id: haloRefId,
    site_id_int: haloRefId,
    site_name: haloText,
    client_id: haloRefId,
    client_name: haloText,
    inactive: haloBool,
    isimportantcontact: haloBool,
    isserviceaccount: haloBool,
    notes: haloText,
  })
  .transform((r, ctx) => {
    // A contact typed without a display name still has first/last name or an address.
    const composed = [r.firstname, r.surname].filter(Boolean).join(" ") || r.emailaddress;
    const name = r.name ?? composed;
    if (!name) {
      ctx.addIssue({ code: "custom", message: "the user has no name and no e-mail address", path: ["name"] });
      return z.NEVER;
    }
    return {
      id: r.id,
      name,
      firstName: r.firstname,
      surname: r.surname,
      /** Halo's `title`: job title or salutation (Halo does not say which). */
      title: r.title,
      email: r.emailaddress,
      /** Detail only (`/Users/{id}`), as is email3. */
      email2: r.email2,
      email3: r.email3,
      phone: r.phonenumber,
      mobile: r.mobilenumber,
      mobile2: r.mobilenumber2,
      siteId: r.site_id ?? r.site_id_int,
      siteName: r.site_name,
      clientId: r.client_id,
      clientName: r.client_name,
      inactive: r.inactive,
      isImportantContact: r.isimportantcontact,
      isServiceAccount: r.isserviceaccount,
      notes: r.notes,
    };
  });

export type HaloUserRecord = z.output<typeof haloUserSchema>;

// ---------------------------------------------------------------- ClientContract

export const haloContractSchema = z
  .object({
    id: haloId,
    client_id: haloRefId,
    client_name: haloText,
    ref: haloText,
    refextra: haloText,
    start_date: haloDateTime,
    end_date: haloDateTime,
    started: haloBool,
    expired: haloBool,
    active: haloBool,
    status: haloInt,
    contract_status: haloText,
    contracttype_name: haloText,
    site_id: haloRefId,
    site_name: haloText,
    billingdescription: haloInt,
    billing_description_string: haloText,
    periodchargeamount: haloNumber,
    next_invoice_date: haloDateTime,
    note: haloText,
    last_modified: haloDateTime,
  })
  .transform((r) => ({
    id: r.id,
    clientId: r.client_id,
    clientName: r.client_name,
    ref: r.ref,
    refExtra: r.refextra,
    startDate: r.start_date,
    endDate: r.end_date,
    started: r.started,
    expired: r.expired,
    active: r.active,
    status: r.status,
    contractStatus: r.contract_status,
    contractTypeName: r.contracttype_name,
    siteId: r.site_id,
    siteName: r.site_name,
    /** An id in lists; the text is only on /ClientContract/{id} (billingDescription). */
    billingDescriptionId: r.billingdescription,
    /** Detail only. */
    billingDescription: r.billing_description_string,
    periodChargeAmount: r.periodchargeamount,
    nextInvoiceDate: r.next_invoice_date,
    note: r.note,
    lastModified: r.last_modified,
  }));

export type HaloContractRecord = z.output<typeof haloContractSchema>;

export type HaloRecordType = "client" | "site" | "user" | "contract";
