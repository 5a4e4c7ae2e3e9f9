"use client";

/**
 * A time in the reader's own time zone and locale. The server renders it in its zone first;
 * the browser's version replaces it, so the mismatch warning is expected and silenced.
 */
export function LocalTime({ date }: { date: Date | string }) {
  const d = typeof date === "string" ? new Date(date) : date;
  return (
    <time dateTime={d.toISOString()} suppressHydrationWarning>
      {d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })}
    </time>
  );
}
