import type { DecisionChangeView, DecisionStateView } from "@/lib/decisions/types";

/** A decision in a few words: "Matched to Acme Ltd", "Create new", "Ignored", "Undecided". */
export function describeDecision(state: DecisionStateView | null): string {
  if (!state) return "Undecided";
  if (state.kind === "create") return "Create new";
  if (state.kind === "ignore") return "Ignored";
  return `Matched to ${state.huduCompanyName ?? `Hudu company ${state.huduCompanyId ?? "?"}`}`;
}

const SOURCE_TEXT: Record<DecisionChangeView["source"], string> = {
  manual: "by hand",
  "auto-accept": "accepting suggestions",
  bulk: "in bulk",
  cli: "from the command line",
  import: "by the import",
};

export function describeSource(source: DecisionChangeView["source"]): string {
  return SOURCE_TEXT[source];
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
