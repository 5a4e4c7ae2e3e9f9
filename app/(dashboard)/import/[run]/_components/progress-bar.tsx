/**
 * A labelled progress bar: role="progressbar" with its value, so assistive technology reads
 * "Sites, 40 %". Without a value it is indeterminate (reading, before the total is known).
 */
export function ProgressBar({ label, value, max, detail }: { label: string; value: number | null; max: number; detail?: string }) {
  const percent = value === null || max <= 0 ? null : Math.min(100, Math.round((value / max) * 100));
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-xs tabular-nums text-slate-600">{detail ?? (percent === null ? "" : `${percent} %`)}</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={detail}
        className="h-2.5 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full rounded-full bg-brand-600 transition-[width] duration-500 ${percent === null ? "w-1/3 animate-pulse" : ""}`}
          style={percent === null ? undefined : { width: `${Math.max(percent > 0 ? 1 : 0, percent)}%` }}
        />
      </div>
    </div>
  );
}
