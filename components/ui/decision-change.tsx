import type { DecisionChangeView, DecisionStateView } from "@/lib/decisions/types";
import { SOURCE_LABELS } from "./format";

/** A decision in a few words: "Matched to Acme Ltd", "Create new", "Ignored", "Undecided". */
export function describeDecision(state: DecisionStateView | null): string {
  if (!state) return "Undecided";
  if (state.kind === "create") return "Create new";
  if (state.kind === "ignore") return "Ignored";
  return `Matched to ${state.huduCompanyName ?? `Hudu company ${state.huduCompanyId ?? "?"}`}`;
}

export function describeSource(source: DecisionChangeView["source"]): string {
  return SOURCE_LABELS[source];
}

/** "Undecided → Matched to Acme Ltd". */
export function DecisionChangeText({ change }: { change: DecisionChangeView }) {
  return (
    <span>
      <span className="text-slate-500">{describeDecision(change.from)}</span>
      <span aria-label=" changed to "> → </span>
      <span className="font-medium">{describeDecision(change.to)}</span>
    </span>
  );
}
