/**
 * Halo is a .NET service: properties typed `double` print with a decimal point (`12.0`) even when
 * whole. JSON.stringify prints `12`, so doubles are wrapped in HaloDouble and turned into a
 * placeholder string that is rewritten after stringifying.
 */
export class HaloDouble {
  constructor(readonly value: number) {}
}

const MARK = "@@halo-double@@";
const MARK_RE = new RegExp(`"${MARK}([^"]*)"`, "g");

function formatDouble(n: number): string {
  if (!Number.isFinite(n)) return "null";
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

export function haloStringify(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof HaloDouble ? `${MARK}${v.value}` : v));
  return text.replace(MARK_RE, (_m, n: string) => formatDouble(Number(n)));
}

/** Copies a record with the named numeric properties wrapped as doubles. */
export function withDoubles<T extends object>(record: T, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const key of keys) {
    const v = out[key];
    if (typeof v === "number") out[key] = new HaloDouble(v);
  }
  return out;
}
