import { asText } from "./clean-text";

/**
 * Halo client ids recorded on the Hudu side. The sync stamps `id_number` with
 * `${HALO_ID_STAMP_PREFIX}${haloId}` (e.g. "halo:123"); Hudu's own Halo integration records the
 * client id as the integration's sync_id.
 */
export const HALO_ID_STAMP_PREFIX = "halo:";

export function formatHaloIdStamp(haloId: number): string {
  return `${HALO_ID_STAMP_PREFIX}${haloId}`;
}

export interface IdNumberReading {
  haloId: string;
  /** "stamp" for "halo:123" (ours), "bare" for "123" (someone typed a number; weak). */
  kind: "stamp" | "bare";
}

/** Reads a Hudu `id_number`; tolerant of case, spacing and "HaloPSA-123" variants. */
export function readIdNumber(idNumber: unknown): IdNumberReading | null {
  const text = asText(idNumber).trim();
  if (text === "") return null;
  const stamp = /^halo\s*(?:psa)?\s*[:#\-_ ]\s*0*(\d{1,12})$/i.exec(text);
  if (stamp) return { haloId: stamp[1], kind: "stamp" };
  const bare = /^0*(\d{1,12})$/.exec(text);
  if (bare && bare[1] !== "") return { haloId: bare[1], kind: "bare" };
  return null;
}

/** Whether an integration entry is Hudu's Halo integration ("halo", "HaloPSA", "Halo PSA"). */
export function isHaloIntegrator(integratorName: unknown): boolean {
  return /^\s*halo\s*(?:psa|itsm|servicedesk)?\s*$/i.test(asText(integratorName));
}

/** Canonical string form of an id for map keys ("0123" and 123 agree); null for junk or ≤ 0. */
export function idKey(value: unknown): string | null {
  const text = asText(value).trim();
  if (!/^\d{1,15}$/.test(text)) return null;
  const stripped = text.replace(/^0+/, "");
  return stripped === "" ? null : stripped;
}
