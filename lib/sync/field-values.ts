import { createHash } from "node:crypto";
import { formatFieldValue } from "@/lib/hudu/custom-fields";
import type { HaloAddressParts, SourceKind, SourceValue } from "./sources";
import type { PlannedValue } from "./types";

/**
 * Turns a Halo value into the value a Hudu field of `fieldType` takes. Site links are turned into
 * AssetLinkValues by the planner (it knows the sites); here they are null.
 */
export function plannedValue(kind: SourceKind, fieldType: string, raw: SourceValue): PlannedValue {
  if (raw == null) return null;
  if (kind === "siteLink") return null;
  if (kind === "address") {
    const address = raw as HaloAddressParts;
    if (fieldType === "AddressData") return formatFieldValue("AddressData", address) as PlannedValue;
    const town = [address.line3, address.line4, address.postcode].filter(Boolean).join(" ");
    return [address.line1, address.line2, town].filter(Boolean).join(", ") || null;
  }
  if (kind === "date") return formatFieldValue("Date", raw) as PlannedValue;
  if (kind === "haloId") return fieldType === "Number" ? Number(raw) : String(raw);
  if (kind === "number" && fieldType !== "Number") return formatFieldValue("Text", raw) as PlannedValue;
  return formatFieldValue(fieldType, raw) as PlannedValue;
}

/** Sorts object keys so the same content always serialises (and hashes) the same way. */
function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, stable((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** A short hash of what we would write (stored with the link: which content an asset got from us). */
export function contentHash(content: unknown): string {
  return createHash("sha256").update(JSON.stringify(stable(content))).digest("base64url").slice(0, 22);
}
