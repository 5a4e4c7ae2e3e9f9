import type { ReactNode } from "react";

/**
 * Text that screen readers announce when it changes, without interrupting what they are
 * reading (aria-live="polite").
 *
 *   <LiveRegion visuallyHidden>{running ? `Importing ${phaseLabel}` : ""}</LiveRegion>
 *   <LiveRegion className="text-sm">{outcome}</LiveRegion>
 *
 * Render it from the start, even empty, and change only its text: a region that appears
 * together with its text is often not announced. Keep it to state changes ("Import started",
 * "Importing contacts", "Import finished: 120 created, 3 failed"), not every tick of a counter;
 * a ProgressBar carries the numbers.
 */
export function LiveRegion({
  children,
  visuallyHidden = false,
  className = "",
}: {
  children?: ReactNode;
  /** Heard, not seen: for announcements the page already shows another way. */
  visuallyHidden?: boolean;
  className?: string;
}) {
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className={visuallyHidden ? "sr-only" : className}>
      {children}
    </div>
  );
}
