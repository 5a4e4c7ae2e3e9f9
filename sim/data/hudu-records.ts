import type { HuduCompany, HuduMatcher } from "./types";

/** The id Hudu gave its Halo integration in the generated data (the matchers' integrator_id). */
export const HALO_INTEGRATION_ID = 3;

/** A Hudu company as Hudu stores a new one: every optional property null, no integrations. */
export function blankHuduCompany({ id, name, slug, at }: { id: number; name: string; slug: string; at: string }): HuduCompany {
  return {
    id,
    slug,
    name,
    nickname: null,
    company_type: null,
    address_line_1: null,
    address_line_2: null,
    city: null,
    state: null,
    zip: null,
    country_name: null,
    phone_number: null,
    fax_number: null,
    website: null,
    id_number: null,
    parent_company_id: null,
    parent_company_name: null,
    notes: null,
    archived: false,
    object_type: "Company",
    // Stored relative; the server serves them absolute.
    url: `/c/${slug}`,
    full_url: `/c/${slug}`,
    passwords_url: `/c/${slug}/passwords`,
    knowledge_base_url: `/kb?company_id=${id}`,
    created_at: at,
    updated_at: at,
    integrations: [],
  };
}

/** A matcher of Hudu's Halo integration for one Halo client, not linked to a company yet. */
export function haloMatcher(id: number, client: { id: number; name: string }): HuduMatcher {
  return {
    id,
    integrator_id: HALO_INTEGRATION_ID,
    integrator_name: "halo",
    sync_id: client.id,
    identifier: String(client.id),
    name: client.name,
    potential_company_id: null,
    company_id: null,
    company_name: null,
  };
}
