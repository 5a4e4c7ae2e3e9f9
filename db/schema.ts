import { sql } from "drizzle-orm";
import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * One schema file; each table's types beside it. Timestamps are stored as integer
 * milliseconds (`mode: "timestamp_ms"`) so they sort and compare without parsing.
 */
const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name"),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["admin", "viewer"] }).notNull(),
    createdAt: createdAt(),
    // ---- Sessions (security work): a session token carries the version it was issued at;
    // raising this number (sign-out, role change, password reset) ends every session of the
    // user at once, although sessions are JWTs that the server does not store.
    sessionVersion: integer("session_version").notNull().default(0),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Role = User["role"];

/**
 * Failed sign-ins per key ("email:…" or "ip:…"), so repeated failures for an account or an
 * address are slowed down, across restarts and across server processes.
 */
export const signInThrottle = sqliteTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: integer("last_failure_at", { mode: "timestamp_ms" }).notNull(),
  blockedUntil: integer("blocked_until", { mode: "timestamp_ms" }),
});
export type SignInThrottle = typeof signInThrottle.$inferSelect;

/**
 * The Halo and Hudu connection, one row (id = 1). Secrets are AES-256-GCM ciphertext
 * (lib/crypto.ts); the plain values never leave the server.
 */
export const connectionSettings = sqliteTable("connection_settings", {
  id: integer("id").primaryKey(),
  haloAuthUrl: text("halo_auth_url"),
  haloResourceUrl: text("halo_resource_url"),
  haloTenant: text("halo_tenant"),
  haloClientId: text("halo_client_id"),
  haloClientSecretEnc: text("halo_client_secret_enc"),
  huduUrl: text("hudu_url"),
  huduApiKeyEnc: text("hudu_api_key_enc"),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  updatedBy: text("updated_by"),
});
export type ConnectionSettingsRow = typeof connectionSettings.$inferSelect;

/** The last connection test per service, shown on the Connections page. */
export const connectionTests = sqliteTable("connection_tests", {
  service: text("service", { enum: ["halo", "hudu"] }).primaryKey(),
  ok: integer("ok", { mode: "boolean" }).notNull(),
  /** JSON array of { id, ok, message } checks, already free of secrets. */
  checksJson: text("checks_json").notNull(),
  testedAt: integer("tested_at", { mode: "timestamp_ms" }).notNull(),
  testedBy: text("tested_by"),
});
export type ConnectionTestRow = typeof connectionTests.$inferSelect;

// ---------------------------------------------------------------- Match: snapshot and decisions

/**
 * One refresh of the snapshot (a read of both sides). The page polls the newest row for
 * progress; the newest *succeeded* row says when the snapshot in the tables below was taken.
 * `heartbeatAt` moves with every progress write, so a run whose process died is recognisable.
 */
export const snapshotRuns = sqliteTable("snapshot_runs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  status: text("status", { enum: ["running", "succeeded", "failed"] }).notNull(),
  startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
  finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  heartbeatAt: integer("heartbeat_at", { mode: "timestamp_ms" }).notNull(),
  startedBy: text("started_by").notNull(),
  /** What is being read now: halo-clients, halo-sites, halo-users, hudu-companies, saving. */
  phase: text("phase"),
  haloClients: integer("halo_clients").notNull().default(0),
  haloClientsTotal: integer("halo_clients_total"),
  haloSites: integer("halo_sites").notNull().default(0),
  haloSitesTotal: integer("halo_sites_total"),
  haloUsers: integer("halo_users").notNull().default(0),
  haloUsersTotal: integer("halo_users_total"),
  huduCompanies: integer("hudu_companies").notNull().default(0),
  /** Latest plain-words note ("waiting 40 s for Halo's rate limit"). */
  message: text("message"),
  /** Records skipped because they could not be read (the run still succeeds). */
  warningsJson: text("warnings_json"),
  error: text("error"),
});
export type SnapshotRun = typeof snapshotRuns.$inferSelect;

/** Halo clients as of the last successful snapshot (replaced as a whole by each refresh). */
export const snapshotHaloClients = sqliteTable("snapshot_halo_clients", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  website: text("website"),
  phone: text("phone"),
  /** JSON array of e-mail domains (Halo's own plus those of the client's users), most used first. */
  emailDomainsJson: text("email_domains_json").notNull().default("[]"),
  siteCount: integer("site_count").notNull().default(0),
  userCount: integer("user_count").notNull().default(0),
  inactive: integer("inactive", { mode: "boolean" }).notNull().default(false),
});
export type SnapshotHaloClient = typeof snapshotHaloClients.$inferSelect;

/** Hudu companies (archived included) as of the last successful snapshot. */
export const snapshotHuduCompanies = sqliteTable("snapshot_hudu_companies", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  nickname: text("nickname"),
  website: text("website"),
  phone: text("phone"),
  idNumber: text("id_number"),
  /** JSON array of { integratorName, syncId } (Hudu's own PSA links). */
  integrationsJson: text("integrations_json").notNull().default("[]"),
  archived: integer("archived", { mode: "boolean" }).notNull().default(false),
  /** Hudu's page for the company, for a link from the board. */
  url: text("url"),
});
export type SnapshotHuduCompany = typeof snapshotHuduCompanies.$inferSelect;

/**
 * What the admin decided per Halo client: match it to a Hudu company, create it new in Hudu,
 * or ignore it. Decisions are kept across snapshot refreshes; one whose client or company is
 * no longer in the snapshot is stale. A `match` decision is also the company link the importer
 * uses (no separate company-links table): the unique index makes a Hudu company belong to at
 * most one Halo client (SQLite lets many rows have a NULL company). The names are copied when
 * deciding so a stale decision can still be shown by name.
 */
export const matchDecisions = sqliteTable(
  "match_decisions",
  {
    haloClientId: integer("halo_client_id").primaryKey(),
    kind: text("kind", { enum: ["match", "create", "ignore"] }).notNull(),
    huduCompanyId: integer("hudu_company_id"),
    haloClientName: text("halo_client_name"),
    huduCompanyName: text("hudu_company_name"),
    decidedBy: text("decided_by").notNull(),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }).notNull(),
    /** `import`: the importer created the company for a `create` decision and recorded the match. */
    source: text("source", { enum: ["manual", "auto-accept", "bulk", "cli", "import"] }).notNull(),
  },
  (t) => [uniqueIndex("match_decisions_hudu_company_unique").on(t.huduCompanyId)],
);
export type MatchDecision = typeof matchDecisions.$inferSelect;
export type NewMatchDecision = typeof matchDecisions.$inferInsert;
export type DecisionKind = MatchDecision["kind"];
export type DecisionSource = MatchDecision["source"];
