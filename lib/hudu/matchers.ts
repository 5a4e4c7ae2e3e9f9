import type { HuduCompany } from "./schemas";

/**
 * Hudu's own Halo integration links companies through matchers, listed per integration id
 * (`GET /matchers?integration_id=N`). The API has no list of integrations, but a company
 * linked by the integration carries `integrations[]` entries with its `integrator_id`.
 */

/** What to tell the admin when no company shows the id. */
export const HALO_INTEGRATION_NOT_FOUND =
  "No Hudu company is linked through Hudu's own Halo integration yet, so its id cannot be read from Hudu. Enter it by hand: it is the number in Hudu's address when you edit the Halo integration (Admin > Integrations).";

/** The Halo integration's id as the companies show it (the most common one, if several), or null. */
export function haloIntegrationIdFrom(companies: ReadonlyArray<Pick<HuduCompany, "integrations">>): number | null {
  const counts = new Map<number, number>();
  for (const company of companies) {
    for (const integration of company.integrations) {
      if (integration.integrator_id === null || !/halo/i.test(integration.integrator_name ?? "")) continue;
      counts.set(integration.integrator_id, (counts.get(integration.integrator_id) ?? 0) + 1);
    }
  }
  let best: number | null = null;
  for (const [id, count] of counts) if (best === null || count > counts.get(best)!) best = id;
  return best;
}
