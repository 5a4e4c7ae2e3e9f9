import { z } from "zod";
import type { Db } from "@/db";
import { getConnectionSettingsRow, upsertConnectionSettings, type ConnectionSettingsValues } from "@/db/queries/connection-settings";
import { deleteConnectionTest } from "@/db/queries/connection-tests";
import { writeTransaction } from "@/db/transaction";
import type { ConnectionSettingsRow } from "@/db/schema";
import {
  normaliseConnectionSettings,
  normaliseUrl,
  plainHttpError,
  serverOf,
  type ConnectionField,
  type NormalisedField,
  type UrlRules,
} from "@/lib/connections/normalise";
import { decryptSecret, encryptSecret, maskSecret } from "@/lib/crypto";
import { env } from "@/lib/env";
import { haloConfigSchema, type HaloConfig } from "@/lib/halo/config";
import { huduConfigSchema, type HuduConfig } from "@/lib/hudu/config";
import type { RateLimitConfig } from "@/lib/http/rate-limiter";
import {
  CONNECTION_FIELD_NAMES,
  CONNECTION_FIELDS,
  fieldsOf,
  serviceName,
  type ConnectionEnv,
  type ConnectionEnvVar,
  type ConnectionService,
} from "./fields";

/**
 * Reading and saving the Halo and Hudu connection settings.
 *
 * Saved values live in one database row with the secrets encrypted; environment variables
 * (HALO_*, HUDU_*) override them field by field. Nothing here imports "server-only" because the
 * command line uses it too; nothing here returns a plain secret except `loadConnectionConfigs`,
 * whose result must stay on the server.
 */

export interface ConnectionSettingsOptions {
  db: Db;
  /** Overriding environment variables; defaults to the process environment. */
  environment?: ConnectionEnv;
  /** Encryption key; defaults to SETTINGS_ENCRYPTION_KEY. */
  key?: Buffer;
  /** Pacing for each service; defaults to HALO_RATE_LIMIT / HUDU_RATE_LIMIT, else the published limits. */
  rateLimits?: { halo?: RateLimitConfig; hudu?: RateLimitConfig };
}

type SecretField = "haloClientSecret" | "huduApiKey";
type PlainField = Exclude<ConnectionField, SecretField>;

const SECRET_COLUMNS = { haloClientSecret: "haloClientSecretEnc", huduApiKey: "huduApiKeyEnc" } as const satisfies Record<
  SecretField,
  keyof ConnectionSettingsRow
>;

function isSecretField(field: ConnectionField): field is SecretField {
  return CONNECTION_FIELDS[field].secret;
}

function connectionEnv(options: ConnectionSettingsOptions): ConnectionEnv {
  if (options.environment) return options.environment;
  const e = env();
  return {
    HALO_AUTH_URL: e.HALO_AUTH_URL,
    HALO_RESOURCE_URL: e.HALO_RESOURCE_URL,
    HALO_TENANT: e.HALO_TENANT,
    HALO_CLIENT_ID: e.HALO_CLIENT_ID,
    HALO_CLIENT_SECRET: e.HALO_CLIENT_SECRET,
    HUDU_URL: e.HUDU_URL,
    HUDU_API_KEY: e.HUDU_API_KEY,
    SIMULATOR_MODE: e.SIMULATOR_MODE,
  };
}

function urlRules(environment: ConnectionEnv): UrlRules {
  return { allowHttp: environment.SIMULATOR_MODE === true };
}

function envValue(environment: ConnectionEnv, field: ConnectionField): string | undefined {
  const value = environment[CONNECTION_FIELDS[field].envVar]?.trim();
  return value ? value : undefined;
}

type Decrypted = { status: "none" } | { status: "ok"; value: string } | { status: "unreadable" };

function readSecret(row: ConnectionSettingsRow | undefined, field: SecretField, key?: Buffer): Decrypted {
  const stored = row?.[SECRET_COLUMNS[field]];
  if (!stored) return { status: "none" };
  try {
    return { status: "ok", value: decryptSecret(stored, key) };
  } catch {
    return { status: "unreadable" };
  }
}

// ---------------------------------------------------------------------------------------------
// What the page may show

export interface FieldOverride {
  envVar: ConnectionEnvVar;
  /** The value in effect: the plain value for ordinary fields, "•••• 1234" for secrets. */
  shown: string | null;
}

/** Browser-safe: never holds a secret, only its last four characters. */
export interface ConnectionSettingsView {
  haloAuthUrl: string | null;
  haloResourceUrl: string | null;
  haloTenant: string | null;
  haloClientId: string | null;
  haloClientSecretHint: string | null;
  huduUrl: string | null;
  huduApiKeyHint: string | null;
  /** Fields whose saved value is replaced by an environment variable on this server. */
  overrides: Partial<Record<ConnectionField, FieldOverride>>;
  /** Secrets that are saved but cannot be decrypted with the current key (enter them again). */
  unreadableSecrets: SecretField[];
  updatedAt: Date | null;
  updatedBy: string | null;
}

export function loadConnectionSettings(options: ConnectionSettingsOptions): ConnectionSettingsView {
  const row = getConnectionSettingsRow({ db: options.db });
  const environment = connectionEnv(options);
  const halo = readSecret(row, "haloClientSecret", options.key);
  const hudu = readSecret(row, "huduApiKey", options.key);

  const overrides: ConnectionSettingsView["overrides"] = {};
  for (const field of CONNECTION_FIELD_NAMES) {
    const value = envValue(environment, field);
    if (value === undefined) continue;
    overrides[field] = { envVar: CONNECTION_FIELDS[field].envVar, shown: isSecretField(field) ? maskSecret(value) : value };
  }

  return {
    haloAuthUrl: row?.haloAuthUrl ?? null,
    haloResourceUrl: row?.haloResourceUrl ?? null,
    haloTenant: row?.haloTenant ?? null,
    haloClientId: row?.haloClientId ?? null,
    haloClientSecretHint: halo.status === "ok" ? maskSecret(halo.value) : null,
    huduUrl: row?.huduUrl ?? null,
    huduApiKeyHint: hudu.status === "ok" ? maskSecret(hudu.value) : null,
    overrides,
    unreadableSecrets: [
      ...(halo.status === "unreadable" ? (["haloClientSecret"] as const) : []),
      ...(hudu.status === "unreadable" ? (["huduApiKey"] as const) : []),
    ],
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// What the clients use (server only: holds the plain secrets)

export interface ConnectionProblem {
  service: ConnectionService;
  message: string;
}

export interface ConnectionConfigs {
  halo: HaloConfig | null;
  hudu: HuduConfig | null;
  /** Environment variable names of required settings that are neither saved nor set. */
  missing: ConnectionEnvVar[];
  /** Settings that are present but unusable (a secret that cannot be decrypted, a bad URL in the environment). */
  problems: ConnectionProblem[];
}

/**
 * The Halo and Hudu configurations to connect with: saved values, decrypted, with environment
 * variables applied on top (env wins). A service with a missing or unusable setting is null, and
 * `missing`/`problems` say why (see `notConfiguredMessage`).
 */
export function loadConnectionConfigs(options: ConnectionSettingsOptions): ConnectionConfigs {
  const row = getConnectionSettingsRow({ db: options.db });
  const environment = connectionEnv(options);
  const missing: ConnectionEnvVar[] = [];
  const problems: ConnectionProblem[] = [];
  const values: Partial<Record<ConnectionField, string>> = {};

  for (const field of CONNECTION_FIELD_NAMES) {
    const info = CONNECTION_FIELDS[field];
    const fromEnv = envValue(environment, field);
    let value: string | undefined;
    if (fromEnv !== undefined) {
      // The environment is typed by hand too: clean it the same way the page does.
      const cleaned = info.kind === "text" ? { value: fromEnv, changes: [] } : normaliseUrl(fromEnv, info.kind, urlRules(environment));
      if (cleaned.error) {
        problems.push({ service: info.service, message: `${info.envVar} is not usable: ${cleaned.error}` });
        continue;
      }
      value = cleaned.value;
    } else if (isSecretField(field)) {
      const secret = readSecret(row, field, options.key);
      if (secret.status === "unreadable") {
        problems.push({
          service: info.service,
          message: `The saved ${serviceName(info.service)} ${info.label} cannot be decrypted: SETTINGS_ENCRYPTION_KEY differs from the key it was saved with. Enter it again on the Connections page or set ${info.envVar}.`,
        });
        continue;
      }
      value = secret.status === "ok" ? secret.value : undefined;
    } else {
      value = row?.[field as PlainField] ?? undefined;
      // Saved before http:// was limited to this machine, or with simulator mode on since.
      const insecure = value && info.kind !== "text" ? plainHttpError(value, urlRules(environment)) : undefined;
      if (insecure) {
        problems.push({ service: info.service, message: `The saved ${serviceName(info.service)} ${info.label} is not usable: ${insecure}` });
        continue;
      }
    }
    if (value) values[field] = value;
    else if (info.required) missing.push(info.envVar);
  }

  const usable = (service: ConnectionService) =>
    !missing.some((v) => fieldsOf(service).some((f) => CONNECTION_FIELDS[f].envVar === v)) &&
    !problems.some((p) => p.service === service);

  const rateLimits = options.rateLimits ?? (options.environment ? {} : { halo: env().HALO_RATE_LIMIT, hudu: env().HUDU_RATE_LIMIT });
  let halo: HaloConfig | null = null;
  if (usable("halo")) {
    const parsed = haloConfigSchema.safeParse({
      rateLimit: rateLimits.halo,
      authUrl: values.haloAuthUrl,
      resourceUrl: values.haloResourceUrl,
      tenant: values.haloTenant,
      clientId: values.haloClientId,
      clientSecret: values.haloClientSecret,
    });
    if (parsed.success) halo = parsed.data;
    else problems.push({ service: "halo", message: `The Halo settings are not usable: ${describeIssues(parsed.error)}.` });
  }

  let hudu: HuduConfig | null = null;
  if (usable("hudu")) {
    const parsed = huduConfigSchema.safeParse({ baseUrl: values.huduUrl, apiKey: values.huduApiKey, rateLimit: rateLimits.hudu });
    if (parsed.success) hudu = parsed.data;
    else problems.push({ service: "hudu", message: `The Hudu settings are not usable: ${describeIssues(parsed.error)}.` });
  }

  return { halo, hudu, missing, problems };
}

/** Names the fields only: a zod message could quote the (secret) value. */
function describeIssues(error: z.ZodError): string {
  return [...new Set(error.issues.map((i) => i.path.join(".")))].map((p) => `check ${p}`).join("; ");
}

/**
 * Why a service cannot be used, in plain words, or null when it can, e.g.
 * "Halo is not configured: set HALO_CLIENT_ID or save it on the Connections page."
 */
export function notConfiguredMessage(service: ConnectionService, configs: ConnectionConfigs): string | null {
  if (configs[service]) return null;
  const name = serviceName(service);
  const problems = configs.problems.filter((p) => p.service === service).map((p) => p.message);
  const missing = configs.missing.filter((v) => fieldsOf(service).some((f) => CONNECTION_FIELDS[f].envVar === v));
  const parts: string[] = [];
  if (missing.length > 0) {
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(", ")} and ${missing.at(-1)}`;
    parts.push(`set ${list} or save ${missing.length === 1 ? "it" : "them"} on the Connections page`);
  }
  parts.push(...problems);
  const text = `${name} is not configured: ${parts.map((p) => p.replace(/\.$/, "")).join(". ") || "its settings are incomplete"}`;
  return `${text}.`;
}

// ---------------------------------------------------------------------------------------------
// Saving

const value = z.string().max(4000, "That is too long.");

/** What a form may send: any subset of the fields; secrets left empty keep the saved ones. */
export const saveConnectionSettingsInputSchema = z.object({
  haloAuthUrl: value.optional(),
  haloResourceUrl: value.optional(),
  haloTenant: value.optional(),
  haloClientId: value.optional(),
  haloClientSecret: value.optional(),
  huduUrl: value.optional(),
  huduApiKey: value.optional(),
});
export type SaveConnectionSettingsInput = z.input<typeof saveConnectionSettingsInputSchema>;

/** Plain-words notes of what cleaning changed, per field (only fields that changed). */
export type NormaliseNotes = Partial<Record<ConnectionField, string[]>>;

export type SaveConnectionSettingsResult =
  | {
      ok: true;
      notes: NormaliseNotes;
      /** Services whose settings really changed; their last test no longer applies and was cleared. */
      changedServices: ConnectionService[];
      settings: ConnectionSettingsView;
    }
  | { ok: false; message: string; fieldErrors: Partial<Record<ConnectionField, string>> };

/**
 * Cleans and saves the given fields. A malformed value is refused with a message for its field
 * and nothing is written. A secret is replaced only when a new one is typed. Fields set by an
 * environment variable may be left empty. Moving a service to another server needs its secret
 * typed again (see `secretsLeftBehind`).
 */
export function saveConnectionSettings(
  options: ConnectionSettingsOptions & { input: unknown; user: { email: string } | null },
): SaveConnectionSettingsResult {
  const parsed = saveConnectionSettingsInputSchema.safeParse(options.input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<ConnectionField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === "string" && field in CONNECTION_FIELDS) fieldErrors[field as ConnectionField] = "That is not a usable value.";
    }
    return { ok: false, message: "Some fields need attention.", fieldErrors };
  }
  const input = parsed.data;
  const environment = connectionEnv(options);

  // Read, check and write under one write lock: the command line may save at the same time.
  const saved = writeTransaction(options.db, (tx) => {
    const row = getConnectionSettingsRow({ db: tx });
    const plan = planSave({ input, row, environment, key: options.key });
    if (!plan.ok) return plan;
    upsertConnectionSettings({
      db: tx,
      values: { ...plan.update, updatedAt: new Date(), updatedBy: options.user?.email ?? null },
    });
    // A verdict about settings that have since changed would mislead: forget it.
    for (const service of plan.changedServices) deleteConnectionTest({ db: tx, service });
    return plan;
  });
  if (!saved.ok) return saved;
  const { notes, changedServices } = saved;

  return {
    ok: true,
    notes,
    changedServices: [...changedServices],
    settings: loadConnectionSettings({ ...options, environment }),
  };
}

type FieldErrors = Partial<Record<ConnectionField, string>>;

type SavePlan =
  | { ok: true; update: Partial<ConnectionSettingsValues>; notes: NormaliseNotes; changedServices: Set<ConnectionService> }
  | { ok: false; message: string; fieldErrors: FieldErrors };

/** What saving `input` over `row` writes, or why it cannot. Reads nothing itself. */
function planSave({
  input,
  row,
  environment,
  key,
}: {
  input: SaveConnectionSettingsInput;
  row: ConnectionSettingsRow | undefined;
  environment: ConnectionEnv;
  key?: Buffer;
}): SavePlan {
  // An empty secret means "keep the saved one", so it is not cleaned or saved at all.
  const toClean: Record<string, string> = {};
  for (const field of CONNECTION_FIELD_NAMES) {
    const typed = input[field];
    if (typed === undefined) continue;
    if (isSecretField(field) && typed.trim() === "") continue;
    toClean[field] = typed;
  }
  const cleaned = normaliseConnectionSettings(toClean, urlRules(environment));

  const fieldErrors: FieldErrors = {};
  const notes: NormaliseNotes = {};
  const update: Partial<ConnectionSettingsValues> = {};
  const changedServices = new Set<ConnectionService>();

  for (const field of CONNECTION_FIELD_NAMES) {
    if (input[field] === undefined) continue;
    const info = CONNECTION_FIELDS[field];
    const overridden = envValue(environment, field) !== undefined;

    if (isSecretField(field)) {
      const result: NormalisedField | undefined = cleaned[field];
      if (!result) {
        // Kept. Still required unless the environment supplies it.
        const saved = readSecret(row, field, key);
        if (saved.status !== "ok" && !overridden) {
          fieldErrors[field] =
            saved.status === "unreadable"
              ? `The saved ${info.label} cannot be decrypted with this server's key. Enter it again.`
              : `Enter the ${info.label}.`;
        }
        continue;
      }
      if (result.error) {
        fieldErrors[field] = result.error;
        continue;
      }
      if (result.changes.length > 0) notes[field] = result.changes;
      const saved = readSecret(row, field, key);
      if (saved.status !== "ok" || saved.value !== result.value) changedServices.add(info.service);
      update[SECRET_COLUMNS[field]] = encryptSecret(result.value, key);
      continue;
    }

    const result = cleaned[field];
    if (!result) {
      // The normaliser only skips a field it could not read as text; zod above already refused that.
      fieldErrors[field] = "That is not a usable value.";
      continue;
    }
    const empty = result.value === "";
    if (empty && (overridden || !info.required)) {
      // Nothing typed for a field the environment supplies (or an optional one): store nothing.
      if ((row?.[field] ?? null) !== null) changedServices.add(info.service);
      update[field] = null;
      continue;
    }
    if (result.error) {
      fieldErrors[field] = result.error;
      continue;
    }
    if (result.changes.length > 0) notes[field] = result.changes;
    if ((row?.[field] ?? null) !== result.value) changedServices.add(info.service);
    update[field] = result.value;
  }

  for (const [field, message] of Object.entries(secretsLeftBehind({ row, update, cleaned, environment }))) {
    fieldErrors[field as ConnectionField] ??= message;
  }

  if (Object.keys(fieldErrors).length > 0) {
    return { ok: false, message: "Some fields need attention. Nothing was saved.", fieldErrors };
  }
  return { ok: true, update, notes, changedServices };
}

/**
 * A saved secret is sent only to the server it was entered for. When a save moves a service's
 * address (authorisation server, resource server or Hudu URL) to another server (scheme, host
 * or port), the same save must carry that service's secret, typed again; otherwise it is refused
 * with a message beside the secret. Without this, whoever can change an address could collect
 * the secret by pointing the dashboard at a server of their own. A secret that comes from the
 * environment cannot be typed here, so its service's address can then only change there too.
 */
function secretsLeftBehind({
  row,
  update,
  cleaned,
  environment,
}: {
  row: ConnectionSettingsRow | undefined;
  update: Partial<ConnectionSettingsValues>;
  cleaned: ReturnType<typeof normaliseConnectionSettings>;
  environment: ConnectionEnv;
}): FieldErrors {
  const errors: FieldErrors = {};
  for (const service of ["halo", "hudu"] as const) {
    const fields = fieldsOf(service);
    const secretField = fields.find(isSecretField)!;
    if (cleaned[secretField]) continue; // typed again with the new address
    const moved = fields.filter((field) => {
      if (CONNECTION_FIELDS[field].kind === "text" || envValue(environment, field) !== undefined) return false;
      const before = row?.[field as PlainField];
      const after = update[field as PlainField];
      return !!before && !!after && serverOf(before) !== serverOf(after);
    });
    if (moved.length === 0) continue;

    const secret = CONNECTION_FIELDS[secretField];
    const name = serviceName(service);
    if (envValue(environment, secretField) !== undefined) {
      for (const field of moved) {
        errors[field] = `The ${name} ${secret.label} comes from ${secret.envVar} on this server, so the server it is sent to can change only there: set ${CONNECTION_FIELDS[field].envVar} too, or remove ${secret.envVar} and enter the ${secret.label} here.`;
      }
    } else {
      const where = moved.map((f) => `${name} ${CONNECTION_FIELDS[f].label}`).join(" and ");
      const host = new URL(update[moved[0] as PlainField]!).host;
      errors[secretField] = `The ${where} now point${moved.length === 1 ? "s" : ""} to another server (${host}): enter the ${secret.label} again. A saved ${secret.label} is never sent to a server it was not entered for.`;
    }
  }
  return errors;
}
