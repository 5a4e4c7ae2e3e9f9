/**
 * A progress bar that screen readers read with its value: role="progressbar" with
 * aria-valuenow/min/max and a label. `value` and `max` are in any unit (records, percent).
 *
 *   <ProgressBar label="Import progress" value={done} max={total} valueText={`${done} of ${total} records`} />
 *
 * The bar is not a live region: a screen reader reads its value when the user reaches it, so the
 * numbers do not interrupt every second. Announce state changes ("Importing contacts",
 * "Import finished") with a LiveRegion beside it.
 */
export function ProgressBar({
  label,
  value,
  max = 100,
  valueText,
}: {
  /** What is progressing, e.g. "Snapshot refresh": the bar's accessible name. */
  label: string;
  value: number;
  max?: number;
  /** Read instead of the bare number when given, e.g. "Reading Halo sites: 120 of 300". */
  valueText?: string;
}) {
  const now = Math.min(max, Math.max(0, value));
  const percent = max > 0 ? (now / max) * 100 : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={now}
      aria-valuetext={valueText}
      className="h-2 overflow-hidden rounded-full bg-slate-200"
    >
      {/* A sliver even at 0, so the bar reads as started. */}
      <div className="h-full rounded-full bg-brand-600 transition-[width] duration-500" style={{ width: `${Math.max(2, percent)}%` }} />
    </div>
  );
}
