import type { HaloClientRecord, HaloContractRecord, HaloSiteRecord, HaloUserRecord } from "@/lib/halo/records";
import type { HuduAssetSummary } from "@/lib/hudu/asset-summary";
import type { HuduAssetLayout, HuduCompany } from "@/lib/hudu/schemas";
import type { SyncSettings } from "./settings-schema";
import type { AssetRecordType, PlanWarning } from "./types";

/**
 * Everything the planner needs, already read: whole sweeps of both sides, our decisions and
 * links, and the settings. lib/sync/load.ts fills it; tests build it by hand.
 */
export interface PlanInput {
  halo: {
    /** Every client, inactive included (the planner applies the inactive option). */
    clients: HaloClientRecord[];
    sites: HaloSiteRecord[];
    users: HaloUserRecord[];
    contracts: HaloContractRecord[];
  };
  hudu: {
    /** Every company, archived included. */
    companies: HuduCompany[];
    /** The chosen layouts as Hudu has them now; a type is absent when its layout is not chosen or not found. */
    layouts: Partial<Record<AssetRecordType, HuduAssetLayout>>;
    /** Every asset of each chosen layout, archived included. */
    assets: Record<AssetRecordType, HuduAssetSummary[]>;
  };
  decisions: PlanDecision[];
  links: PlanLink[];
  settings: SyncSettings;
  /** When the input was read (ISO); becomes the plan's generatedAt. */
  readAt: string;
  /** Problems met while reading (records skipped because they could not be parsed, …). */
  warnings?: PlanWarning[];
}

/**
 * What contacts and contracts are planned from, besides what the start had: Hudu's contact and
 * contract assets, read whole (any Halo record may be among them), and Halo's users and
 * contracts as they are read (an import plans each as it arrives instead of holding them all).
 */
export interface PlanRestSource {
  assets: Pick<PlanInput["hudu"]["assets"], "contact" | "contract">;
  /** Each ends when its sweep has, and throws if the sweep failed. */
  users: AsyncIterable<HaloUserRecord>;
  contracts: AsyncIterable<HaloContractRecord>;
  /** What the users and contracts sweeps met; whole once both have ended. */
  warnings(): PlanWarning[];
}

/** What the first part of a plan (companies and sites) reads: Halo's clients and sites; Hudu's companies, layouts and site assets. */
export type PlanStartInput = Omit<PlanInput, "halo" | "hudu"> & {
  halo: Pick<PlanInput["halo"], "clients" | "sites">;
  hudu: Pick<PlanInput["hudu"], "companies" | "layouts"> & { assets: Pick<PlanInput["hudu"]["assets"], "site"> };
};

export interface PlanDecision {
  haloClientId: number;
  kind: "match" | "create" | "ignore";
  huduCompanyId: number | null;
}

export interface PlanLink {
  haloType: AssetRecordType;
  haloId: number;
  huduId: number;
  huduCompanyId: number | null;
  contentHash: string | null;
}
