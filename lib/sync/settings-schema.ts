import { z } from "zod";
import { recommendedMapping } from "@/lib/layouts/recommended";
import { fieldMappingSchema } from "./field-mapping";
import { HALO_ID_SOURCE, sourceInfo } from "./sources";
import type { AssetRecordType } from "./types";

/**
 * The import's settings: which layout each type lands in, how Halo fields fill layout fields,
 * what a company gets, and the options. Stored as one JSON document (sync_settings) and checked
 * with this schema whenever it is read or saved. Pure (no server imports): the Layouts page
 * validates with it too.
 */

export { fieldMappingSchema, type FieldMapping } from "./field-mapping";

const layoutRefSchema = z.object({ id: z.number().int().positive(), name: z.string() }).nullable();
export type LayoutRef = z.infer<typeof layoutRefSchema>;

/** Company details a *create new* company gets from Halo (the name always; the Halo id always). */
export const companyCreateFieldsSchema = z.object({
  website: z.boolean(),
  /** The main site's phone number (Halo's client list carries none of its own). */
  phone: z.boolean(),
  /** The main site's address. */
  address: z.boolean(),
  notes: z.boolean(),
});

export const matchedCompanyPolicies = ["leave", "fill-empty", "overwrite"] as const;
export type MatchedCompanyPolicy = (typeof matchedCompanyPolicies)[number];

export const MATCHED_COMPANY_POLICY_TEXT: Record<MatchedCompanyPolicy, string> = {
  leave: "Leave matched companies as they are",
  "fill-empty": "Fill only the fields that are empty in Hudu",
  overwrite: "Overwrite with Halo's details (never the name)",
};

export const whenGoneOptions = ["archive", "leave"] as const;
export type WhenGone = (typeof whenGoneOptions)[number];

function mappingListSchema(type: AssetRecordType) {
  return z.array(fieldMappingSchema).superRefine((list, ctx) => {
    const labels = new Map<string, number>();
    list.forEach((m, i) => {
      if (!sourceInfo(type, m.source)) {
        ctx.addIssue({ code: "custom", path: [i, "source"], message: `"${m.source}" is not a Halo ${type} field this app reads` });
      }
      const key = m.label.toLowerCase();
      if (labels.has(key)) ctx.addIssue({ code: "custom", path: [i, "label"], message: `the layout field "${m.label}" is mapped twice` });
      labels.set(key, i);
    });
    if (!list.some((m) => m.source === HALO_ID_SOURCE)) {
      ctx.addIssue({ code: "custom", message: `the Halo id must go into a layout field (it links each asset to its Halo record)` });
    }
  });
}

export const syncSettingsSchema = z.object({
  version: z.literal(1),
  layouts: z.object({ site: layoutRefSchema, contact: layoutRefSchema, contract: layoutRefSchema }),
  mapping: z.object({ site: mappingListSchema("site"), contact: mappingListSchema("contact"), contract: mappingListSchema("contract") }),
  company: z.object({
    create: companyCreateFieldsSchema,
    /** What happens to a matched company's details. Its name is never changed. */
    matched: z.enum(matchedCompanyPolicies),
  }),
  options: z.object({
    /** Import inactive Halo records too (default no). */
    includeInactive: z.boolean(),
    /** Import only active contracts (default yes, as Hudu's own integration does). */
    contractsActiveOnly: z.boolean(),
    /** A Hudu asset whose Halo record is gone or inactive: archive it (default) or leave it. Never delete. */
    whenGone: z.enum(whenGoneOptions),
  }),
  /** Write the board's decisions into Hudu's own Halo matchers too (see lib/sync/matchers.ts). */
  matchers: z.object({
    write: z.boolean(),
    /** The Halo integration's id in Hudu, when it cannot be read from the companies it links. */
    integrationId: z.number().int().positive().nullable().default(null),
  }),
});
export type SyncSettings = z.infer<typeof syncSettingsSchema>;

export function defaultSyncSettings(): SyncSettings {
  return {
    version: 1,
    layouts: { site: null, contact: null, contract: null },
    mapping: { site: recommendedMapping("site"), contact: recommendedMapping("contact"), contract: recommendedMapping("contract") },
    company: { create: { website: true, phone: true, address: true, notes: true }, matched: "fill-empty" },
    options: { includeInactive: false, contractsActiveOnly: true, whenGone: "archive" },
    matchers: { write: false, integrationId: null },
  };
}

/** "mapping › contact › 2 › label: the layout field "Email" is mapped twice" → plain words. */
export function describeSettingsIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => {
      const where = i.path.filter((p) => typeof p === "string" || typeof p === "number").join(" › ");
      return where ? `${where}: ${i.message}` : i.message;
    })
    .join("; ");
}
