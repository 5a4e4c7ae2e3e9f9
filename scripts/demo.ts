/**
 * `npm run demo`: the whole product on one machine, no Halo or Hudu account needed.
 * Starts the Halo and Hudu simulators with a realistic MSP's data, prepares a database with a
 * demo admin and the connection settings for the simulators, builds the dashboard if needed,
 * starts it, and prints where to open it and how to sign in.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@/db";
import { connectionSettings } from "@/db/schema";
import { countUsers, createFirstAdmin } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { encryptSecret } from "@/lib/crypto";
import { startSimulators } from "@/sim";
import { isMspSize, MSP_SIZES, type MspSize } from "@/sim/data/generate";
import { buildIfNeeded, startDashboard, waitForHealth } from "./dashboard";

export const DEMO_ADMIN = { email: "demo@example.com", password: "halo-hudu-demo" };

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: process.env.PORT ?? "3000" },
    host: { type: "string", default: "127.0.0.1" },
    "data-dir": { type: "string", default: "data/demo" },
    fresh: { type: "boolean", default: false },
    size: { type: "string", default: "demo" },
    seed: { type: "string", default: "42" },
    // Real limits in shape, scaled so a demo import takes about a minute.
    "rate-scale": { type: "string", default: "20" },
    // Serve the build in NEXT_DIST_DIR as it is (the browser tests build once beforehand).
    "no-build": { type: "boolean", default: false },
  },
});

const distDir = process.env.NEXT_DIST_DIR || ".next";
const dataDir = path.resolve(args["data-dir"]!);
const port = Number(args.port);
if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`--port must be a port number, got "${args.port}"`);
const size: MspSize = isMspSize(args.size!) ? args.size : fail(`--size must be ${Object.keys(MSP_SIZES).join(", ")}; got "${args.size}"`);
const rateScale = Number(args["rate-scale"]);
if (!(rateScale > 0)) fail(`--rate-scale must be a positive number, got "${args["rate-scale"]}"`);

function fail(message: string): never {
  console.error(`npm run demo: ${message}`);
  process.exit(2);
}

/** Secrets for this demo's data folder, made once and reused so saved settings stay readable. */
function demoSecrets(): { NEXTAUTH_SECRET: string; SETTINGS_ENCRYPTION_KEY: string } {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const secrets = {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    SETTINGS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function main() {
  if (args.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const secrets = demoSecrets();
  const key = Buffer.from(secrets.SETTINGS_ENCRYPTION_KEY, "base64");

  const sims = await startSimulators({ size, seed: Number(args.seed), rateScale });
  const halo = sims.halo;
  const hudu = sims.hudu;

  // Database: migrations, the demo admin, and connection settings pointing at the simulators.
  const dbFile = path.join(dataDir, "app.db");
  const { db, sqlite } = openDatabase(dbFile);
  if (countUsers({ db }) === 0) {
    createFirstAdmin({ db, email: DEMO_ADMIN.email, name: "Demo Admin", passwordHash: await hashPassword(DEMO_ADMIN.password) });
  }
  const settings = {
    haloAuthUrl: halo.authUrl,
    haloResourceUrl: halo.resourceUrl,
    haloTenant: halo.tenant,
    haloClientId: halo.clientId,
    haloClientSecretEnc: encryptSecret(halo.clientSecret, key),
    huduUrl: hudu.url,
    huduApiKeyEnc: encryptSecret(hudu.apiKey, key),
    updatedAt: new Date(),
    updatedBy: "npm run demo",
  };
  db.insert(connectionSettings).values({ id: 1, ...settings }).onConflictDoUpdate({ target: connectionSettings.id, set: settings }).run();
  sqlite.close();

  try {
    buildIfNeeded({ distDir, reuse: args["no-build"] });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  const url = `http://${args.host}:${port}`;
  const next = startDashboard({
    distDir,
    port,
    host: args.host!,
    env: {
      ...secrets,
      DATABASE_PATH: dbFile,
      NEXTAUTH_URL: url,
      SIMULATOR_MODE: "true",
      // The simulators' windows are scaled down; the dashboard paces itself to the same limits.
      HALO_RATE_LIMIT: `300/${Math.round(300_000 / rateScale)}ms`,
      HUDU_RATE_LIMIT: `300/${Math.round(60_000 / rateScale)}ms`,
    },
  });

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    next.kill("SIGTERM");
    await sims.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  next.on("exit", (code) => void stop(code ?? 1));

  await waitForHealth(url, next).catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

  const info = {
    url,
    admin: DEMO_ADMIN,
    halo: {
      url: halo.url,
      authUrl: halo.authUrl,
      resourceUrl: halo.resourceUrl,
      tenant: halo.tenant,
      clientId: halo.clientId,
      clientSecret: halo.clientSecret,
    },
    hudu: { url: hudu.url, apiKey: hudu.apiKey },
  };
  writeFileSync(path.join(dataDir, "demo.json"), JSON.stringify(info, null, 2));
  console.log(
    [
      "",
      "Halo → Hudu Sync demo is running.",
      `  Open:      ${url}`,
      `  Sign in:   ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`,
      `  Halo sim:  ${halo.url} (tenant ${halo.tenant})`,
      `  Hudu sim:  ${hudu.url}`,
      `  Data:      ${dataDir} (start again with --fresh to reset)`,
      "Press Ctrl+C to stop.",
      "",
    ].join("\n"),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
