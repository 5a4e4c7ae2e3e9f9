import { customFieldKey } from "@/lib/hudu/custom-fields";
import type { HuduAssetLayout } from "@/lib/hudu/schemas";
import type { FieldMapping } from "@/lib/sync/settings-schema";
import { COMPATIBLE_FIELD_TYPES, sourceInfo } from "@/lib/sync/sources";
import type { AssetRecordType } from "@/lib/sync/types";
import { RECOMMENDED_LAYOUTS } from "./recommended";

/**
 * The mapping an existing layout gets when it is chosen: each recommended Halo source goes to the
 * layout field with the recommended label (or a usual alias: "Title" for "Job Title"), when that
 * field's type can hold the value. The admin edits the rest by hand.
 */
export function autoMapping(type: AssetRecordType, layout: Pick<HuduAssetLayout, "fields">): FieldMapping[] {
  const used = new Set<string>();
  const mapping: FieldMapping[] = [];
  for (const recommended of RECOMMENDED_LAYOUTS[type].fields) {
    const kind = sourceInfo(type, recommended.source)?.kind;
    if (!kind) continue;
    const allowed = COMPATIBLE_FIELD_TYPES[kind] as readonly string[];
    const wanted = [recommended.label, ...(recommended.aliases ?? [])].map(customFieldKey);
    const field = wanted
      .map((key) => layout.fields.find((f) => customFieldKey(f.label) === key && allowed.includes(f.field_type) && !used.has(f.label)))
      .find(Boolean);
    if (!field) continue;
    used.add(field.label);
    mapping.push({ source: recommended.source, label: field.label });
  }
  return mapping;
}
