/**
 * GET a route handler's JSON for react-query. A refusal becomes an Error with the handler's own
 * words (`{ error }`), so a query's error message can be shown as is.
 */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `The server answered ${response.status}.`);
  }
  return (await response.json()) as T;
}
