import type { ConnectionField } from "@/lib/connections/normalise";
import type { Env } from "@/lib/env";

/**
 * The seven connection settings: which service each belongs to, how it is labelled, which
 * environment variable overrides it and whether it is a secret. One table so the page, the
 * saving code and the command line all name a field the same way.
 */
export type ConnectionService = "halo" | "hudu";

export type ConnectionEnvVar =
  | "HALO_AUTH_URL"
  | "HALO_RESOURCE_URL"
  | "HALO_TENANT"
  | "HALO_CLIENT_ID"
  | "HALO_CLIENT_SECRET"
  | "HUDU_URL"
  | "HUDU_API_KEY";

/**
 * The environment variables that override saved settings (env wins), and SIMULATOR_MODE (which
 * lets the simulators be reached over plain http on any host).
 */
export type ConnectionEnv = Partial<Pick<Env, ConnectionEnvVar | "SIMULATOR_MODE">>;

export interface ConnectionFieldInfo {
  service: ConnectionService;
  label: string;
  envVar: ConnectionEnvVar;
  secret: boolean;
  /** Needed before a connection can be tested or used. */
  required: boolean;
  kind: "haloAuth" | "haloResource" | "hudu" | "text";
}

export const CONNECTION_FIELDS: Record<ConnectionField, ConnectionFieldInfo> = {
  haloAuthUrl: {
    service: "halo",
    label: "authorisation server",
    envVar: "HALO_AUTH_URL",
    secret: false,
    required: true,
    kind: "haloAuth",
  },
  haloResourceUrl: {
    service: "halo",
    label: "resource server",
    envVar: "HALO_RESOURCE_URL",
    secret: false,
    required: true,
    kind: "haloResource",
  },
  haloTenant: { service: "halo", label: "tenant", envVar: "HALO_TENANT", secret: false, required: false, kind: "text" },
  haloClientId: { service: "halo", label: "client ID", envVar: "HALO_CLIENT_ID", secret: false, required: true, kind: "text" },
  haloClientSecret: {
    service: "halo",
    label: "client secret",
    envVar: "HALO_CLIENT_SECRET",
    secret: true,
    required: true,
    kind: "text",
  },
  huduUrl: { service: "hudu", label: "URL", envVar: "HUDU_URL", secret: false, required: true, kind: "hudu" },
  huduApiKey: { service: "hudu", label: "API key", envVar: "HUDU_API_KEY", secret: true, required: true, kind: "text" },
};

export const CONNECTION_FIELD_NAMES = Object.keys(CONNECTION_FIELDS) as ConnectionField[];

export function fieldsOf(service: ConnectionService): ConnectionField[] {
  return CONNECTION_FIELD_NAMES.filter((f) => CONNECTION_FIELDS[f].service === service);
}

export function serviceName(service: ConnectionService): "Halo" | "Hudu" {
  return service === "halo" ? "Halo" : "Hudu";
}

export function envVarService(envVar: string): ConnectionService | undefined {
  return envVar.startsWith("HALO_") ? "halo" : envVar.startsWith("HUDU_") ? "hudu" : undefined;
}
