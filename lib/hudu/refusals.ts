import { isSyncError, SyncError } from "@/lib/errors";
import { describeRefusal, type HttpResponse } from "@/lib/http/request";
import type { CustomFieldEntry } from "./custom-fields";
import { describeLayoutBody, type LayoutBody } from "./layout-body";

/**
 * Hudu's refusals in plain words. Each message names the record and quotes Hudu's own words,
 * whichever shape its body takes (`error`, `errors` as text or a field map, `details`).
 */

/** Hudu's own words from a refusal body, or "" when it gave none. */
export function huduWords(response: HttpResponse): string {
  const { message, details } = describeRefusal(response.json, response.text);
  return [message, ...details].filter(Boolean).join(": ");
}

/** A layout write Hudu answered with a 5xx: never retried (there is no DELETE to undo a half-made layout). */
export function layoutRefused(operation: string, body: LayoutBody, response: HttpResponse, excerpt: string): SyncError {
  const words = huduWords(response);
  return new SyncError({
    code: "bad_request",
    service: "hudu",
    status: response.status,
    userMessage: `Hudu refused this layout change (${operation}): it answered ${response.status}${words ? ` "${words}"` : ""}. We sent ${describeLayoutBody(body)}. Nothing was retried: check the layout in Hudu (Admin > Asset Layouts) before trying again.`,
    detail: `${response.url.pathname}: ${response.status}; body: ${excerpt}; sent: ${JSON.stringify(body).slice(0, 2000)}`,
    details: [`Sent: ${JSON.stringify(body).slice(0, 2000)}`],
  });
}

/** Hudu dropped fields we sent back (or kept a layout inactive): the layout needs a look in Hudu. */
export function layoutNotAsSent(operation: string, layoutName: string, problem: string): SyncError {
  return new SyncError({
    code: "bad_response",
    service: "hudu",
    userMessage: `Hudu did not keep the layout "${layoutName}" as sent (${operation}): ${problem}. Check the layout in Hudu (Admin > Asset Layouts) before running again.`,
    detail: `${operation}: ${problem}`,
  });
}

/** True when Hudu refused a company because its name is taken (by any company, archived ones too). */
export function isNameTaken(error: unknown): error is SyncError {
  if (!isSyncError(error) || error.status !== 422) return false;
  const words = [error.userMessage, ...error.details].join(" ");
  return /already been taken|already exists/i.test(words) && /\bname\b/i.test(words);
}

export function nameTakenButNotFound(name: string, refusal: SyncError): SyncError {
  return new SyncError({
    code: "validation",
    service: "hudu",
    status: 422,
    userMessage: `Hudu says the company name "${name}" is taken, but no company of that name can be read through the API: it may be archived in a Hudu that does not list archived companies, or hidden from this API key. Find it in Hudu, unarchive or rename it, then run again.`,
    detail: refusal.detail,
    details: refusal.details,
  });
}

/** True when Hudu refused custom-field keys (since 2.37 an unknown key is a 422). */
export function isCustomFieldRefusal(error: unknown): error is SyncError {
  return isSyncError(error) && error.status === 422 && /invalid custom fields|invalid field names/i.test([error.userMessage, ...error.details].join(" "));
}

/** Names the layout, each refused label and the key it was sent as. */
export function customFieldRefused(refusal: SyncError, entries: CustomFieldEntry[], layoutName: string, operation: string): SyncError {
  const named = refusal.details.join(", ").match(/invalid field names?:\s*(.+)$/i)?.[1];
  const refusedKeys = named ? new Set(named.split(/,\s*/).map((k) => k.trim())) : undefined;
  const refused = entries.filter((e) => !refusedKeys || refusedKeys.has(e.key));
  const described = (refused.length > 0 ? refused : entries).map((e) => `"${e.label}" (sent as key "${e.key}")`);
  return new SyncError({
    code: "validation",
    service: "hudu",
    status: 422,
    userMessage: `Hudu refused the custom field ${described.join(", ")} of the layout "${layoutName}" (${operation}). Hudu said: ${refusal.details.join("; ") || refusal.userMessage}. The key is the field's label in lower case with each space as "_"; check that label in Hudu.`,
    detail: refusal.detail,
    details: [...refusal.details, ...described.map((d) => `Refused: ${d}`)],
  });
}

/** What Hudu's matcher answers mean: 500 when it lacks a usable integration id, 404 for an unknown one. */
export function matcherListRefused(response: HttpResponse, integrationId: number, excerpt: string): SyncError {
  const detail = `${response.url.pathname}${response.url.search}: ${response.status}; body: ${excerpt}`;
  if (response.status === 404) {
    return new SyncError({
      code: "not_found",
      service: "hudu",
      status: 404,
      userMessage: `There is no Halo integration with id ${integrationId} in Hudu (Hudu said "${huduWords(response) || "not found"}"). The id is the number in Hudu's address when you edit the Halo integration (Admin > Integrations).`,
      detail,
    });
  }
  return new SyncError({
    code: "bad_request",
    service: "hudu",
    status: response.status,
    userMessage: `Hudu needs the integration id to list its matchers, and could not use ${integrationId} (it answered ${response.status}). Check the Halo integration id: the number in Hudu's address when you edit the integration.`,
    detail,
  });
}

export function matcherUpdateRefused(response: HttpResponse, matcherId: number, excerpt: string): SyncError {
  return new SyncError({
    code: "not_found",
    service: "hudu",
    status: response.status,
    userMessage: `Hudu has no matcher ${matcherId} (it answered ${response.status}, as it does for a matcher that does not exist): the integration may have re-synced. Read the matchers again and retry.`,
    detail: `${response.url.pathname}: ${response.status}; body: ${excerpt}`,
  });
}
