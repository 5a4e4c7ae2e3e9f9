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
