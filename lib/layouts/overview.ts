import type { Db } from "@/db";
import type { HuduClient } from "@/lib/hudu/client";
import type { HuduAssetLayout } from "@/lib/hudu/schemas";
import { loadSyncSettings } from "@/lib/sync/settings";
import type { SyncSettings } from "@/lib/sync/settings-schema";
import { assetRecordTypes, type AssetRecordType } from "@/lib/sync/types";
import { layoutStates, type LayoutState } from "./state";

/** What the Layouts page and `layouts` show: every Hudu layout, the settings, and each type's state. */
export interface LayoutsOverview {
  settings: SyncSettings;
  /** Every layout Hudu has, with its fields (for choosing one and for the mapping editor). */
  layouts: LayoutSummary[];
  states: Record<AssetRecordType, LayoutState>;
}

export interface LayoutSummary {
  id: number;
  name: string;
  active: boolean;
  fields: Array<{ label: string; fieldType: string; linkableId: number | null }>;
}

export function summariseLayout(layout: HuduAssetLayout): LayoutSummary {
  return {
    id: layout.id,
    name: layout.name,
    active: layout.active,
    fields: [...layout.fields]
      .sort((a, b) => (a.position ?? 0) - (b.position ?? 0))
      .map((f) => ({ label: f.label, fieldType: f.field_type, linkableId: f.linkable_id })),
  };
}

/** The chosen layout of each type among `layouts` (absent when not chosen or gone from Hudu). */
export function chosenLayouts(settings: SyncSettings, layouts: HuduAssetLayout[]): Partial<Record<AssetRecordType, HuduAssetLayout>> {
  const out: Partial<Record<AssetRecordType, HuduAssetLayout>> = {};
  for (const type of assetRecordTypes) {
    const chosen = settings.layouts[type];
    const layout = chosen ? layouts.find((l) => l.id === chosen.id) : undefined;
    if (layout) out[type] = layout;
  }
  return out;
}

export async function readLayoutsOverview({ db, hudu, signal }: { db: Db; hudu: HuduClient; signal?: AbortSignal }): Promise<LayoutsOverview> {
  const settings = loadSyncSettings({ db });
  const layouts = await hudu.listAssetLayouts(signal);
  return {
    settings,
    layouts: layouts.map(summariseLayout).sort((a, b) => a.name.localeCompare(b.name)),
    states: layoutStates({ settings, layouts: chosenLayouts(settings, layouts) }),
  };
}
