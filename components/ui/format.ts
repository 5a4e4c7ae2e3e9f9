/** Display helpers for the match board (client and server safe). */

const numberFormat = new Intl.NumberFormat("en");
export const formatCount = (n: number) => numberFormat.format(n);

export const formatScore = (score: number) => `${Math.round(score * 100)}%`;

const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
export const formatDateTime = (iso: string) => dateTimeFormat.format(new Date(iso));

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatRelative(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return `${days} day${days === 1 ? "" : "s"} ago`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export const SOURCE_LABELS = {
  manual: "by hand",
  "auto-accept": "accepted in bulk (auto-accept)",
  bulk: "in bulk",
  cli: "from the command line",
  import: "by the importer",
} as const;

/** Strips the scheme and a trailing slash: "https://www.acme.com/" → "www.acme.com". */
export function shortUrl(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, "").replace(/\/$/, "");
}
