import type { ConnectionCheck } from "@/lib/connections/checks";

/** One line per check: green tick, red cross, or grey dash for "not tried". */
export function CheckList({ checks }: { checks: ConnectionCheck[] }) {
  if (checks.length === 0) return null;
  return (
    <ul className="space-y-1.5" aria-label="Checks">
      {checks.map((check) => {
        const state = check.ok ? "passed" : check.skipped ? "skipped" : "failed";
        return (
          <li key={check.id} data-check={check.id} data-state={state} className="flex gap-2 text-sm">
            <span
              aria-hidden
              className={`mt-0.5 inline-flex size-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${
                state === "passed"
                  ? "bg-green-100 text-green-700"
                  : state === "failed"
                    ? "bg-red-100 text-red-700"
                    : "bg-slate-100 text-slate-500"
              }`}
            >
              {state === "passed" ? "✓" : state === "failed" ? "✕" : "–"}
            </span>
            <span className={state === "skipped" ? "text-slate-500" : state === "failed" ? "text-red-800" : "text-slate-800"}>
              <span className="sr-only">{state === "passed" ? "Passed: " : state === "failed" ? "Failed: " : "Skipped: "}</span>
              {check.message}
              {check.detail ? (
                <span className="ml-1.5 whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-500">
                  {check.detail}
                </span>
              ) : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
