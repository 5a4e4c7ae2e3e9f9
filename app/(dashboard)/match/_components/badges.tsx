import type { ReactNode } from "react";
import type { ClientState } from "@/lib/decisions/board-view";
import { formatScore } from "@/components/ui/format";

type Tone = "slate" | "green" | "blue" | "amber" | "red" | "violet" | "brand";

const TONES: Record<Tone, string> = {
  slate: "bg-slate-100 text-slate-700 ring-slate-200",
  green: "bg-green-50 text-green-800 ring-green-200",
  blue: "bg-sky-50 text-sky-800 ring-sky-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  violet: "bg-violet-50 text-violet-800 ring-violet-200",
  brand: "bg-brand-50 text-brand-700 ring-brand-100",
};

export function Badge({ tone = "slate", children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex shrink-0 items-center rounded px-1.5 py-px text-[11px] font-medium ring-1 ring-inset ${TONES[tone]}`}>
      {children}
    </span>
  );
}

export const STATE_TONES: Record<ClientState, Tone> = {
  suggested: "blue",
  unmatched: "slate",
  matched: "green",
  create: "violet",
  ignored: "slate",
  stale: "red",
};

/** Score as a small pill: green when strong, amber when middling, grey when weak (shades dark enough for white 11px text). */
export function ScorePill({ score, auto = false }: { score: number; auto?: boolean }) {
  const tone = score >= 0.85 ? "bg-green-700 text-white" : score >= 0.6 ? "bg-amber-700 text-white" : "bg-slate-500 text-white";
  return (
    <span
      className={`inline-flex shrink-0 items-center gap-1 rounded-full px-1.5 py-px text-[11px] font-semibold tabular-nums ${tone}`}
      title={auto ? "Strong, unique and clearly ahead of the runner-up: marked for auto-accept" : "Match score"}
    >
      {formatScore(score)}
      {auto ? <span aria-label="auto-accept">· auto</span> : null}
    </span>
  );
}
