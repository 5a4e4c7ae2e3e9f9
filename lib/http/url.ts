/**
 * Joins a saved base URL and a path without ever producing `//` (a closing slash on a saved URL
 * breaks naive clients), and adds query parameters, skipping undefined ones.
 */
export function buildUrl(
  base: string,
  path: string,
  query?: Record<string, string | number | boolean | undefined | null>,
): URL {
  const url = new URL(base.trim());
  const basePath = url.pathname.replace(/\/+$/, "");
  const extra = path.replace(/^\/+/, "");
  url.pathname = extra ? `${basePath}/${extra}` : basePath || "/";
  url.search = "";
  url.hash = "";
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  return url;
}
