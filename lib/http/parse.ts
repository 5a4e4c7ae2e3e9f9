import type { z } from "zod";
import { bodyExcerpt, serviceLabel, SyncError, type ServiceName } from "@/lib/errors";
import type { HttpResponse } from "./request";

/**
 * Parses a response body with a zod schema; a mismatch becomes a `bad_response` error whose
 * user message says the server answered oddly (usually a URL that points somewhere else), and
 * whose detail lists the first zod issues for the log.
 */
export function parseResponse<S extends z.ZodType>(
  schema: S,
  response: HttpResponse,
  service: ServiceName,
  operation: string,
): z.output<S> {
  const result = schema.safeParse(response.json);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`)
    .join("; ");
  const label = serviceLabel(service);
  return badResponse(
    service,
    response.json === undefined
      ? `${label} answered, but not with JSON (${operation}). Check that the URL points at ${label}'s API.`
      : `${label} answered in a shape we do not understand (${operation}). Check the URL, or report this with the server log.`,
    `${response.url.pathname}: ${response.status}; ${response.json === undefined ? `non-JSON body: ${bodyExcerpt(response.text)}` : issues}`,
  );
}

export function badResponse(service: ServiceName, userMessage: string, detail: string): never {
  throw new SyncError({ code: "bad_response", service, userMessage, detail });
}
