import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db";
import { getConnectionSettingsRow } from "@/db/queries/connection-settings";
import { listConnectionTests } from "@/db/queries/connection-tests";
import {
  loadConnectionConfigs,
  loadConnectionSettings,
  notConfiguredMessage,
  saveConnectionSettings,
} from "./connection-settings";
import { recordConnectionTest } from "./connection-tests";
import type { ConnectionEnv } from "./fields";

const KEY = Buffer.alloc(32, 3);
const OTHER_KEY = Buffer.alloc(32, 4);
const HALO_SECRET = "halo-secret-value-ABCD";
const HUDU_KEY = "hudu-api-key-value-WXYZ";
const admin = { email: "admin@example.com" };

const fullInput = {
  haloAuthUrl: "https://acme.halopsa.com/auth",
  haloResourceUrl: "https://acme.halopsa.com/api",
  haloTenant: "acme",
  haloClientId: "client-123",
  haloClientSecret: HALO_SECRET,
  huduUrl: "https://acme.huducloud.com",
  huduApiKey: HUDU_KEY,
};

let dir: string;
let file: string;
let db: Db;
let close: () => void;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "settings-test-"));
  file = path.join(dir, "app.db");
  const opened = openDatabase(file);
  db = opened.db;
  close = () => opened.sqlite.close();
});

afterEach(() => {
  close();
  rmSync(dir, { recursive: true, force: true });
});

const noEnv = {};

function save(input: Record<string, string | undefined>, environment: ConnectionEnv = noEnv, key = KEY) {
  return saveConnectionSettings({ db, input, user: admin, environment, key });
}

describe("saveConnectionSettings", () => {
  it("encrypts secrets at rest and decrypts them for the clients; the view shows only the last four", () => {
    const result = save(fullInput);
    expect(result.ok).toBe(true);

    const row = getConnectionSettingsRow({ db })!;
    expect(row.haloClientSecretEnc).toMatch(/^v1:/);
    expect(row.haloClientSecretEnc).not.toContain(HALO_SECRET);
    expect(row.huduApiKeyEnc).not.toContain(HUDU_KEY);
    expect(row.updatedBy).toBe("admin@example.com");
    expect(row.updatedAt).toBeInstanceOf(Date);

    const view = loadConnectionSettings({ db, environment: noEnv, key: KEY });
    expect(view.haloClientSecretHint).toBe("•••• ABCD");
    expect(view.huduApiKeyHint).toBe("•••• WXYZ");
    expect(JSON.stringify(view)).not.toContain(HALO_SECRET);
    expect(JSON.stringify(view)).not.toContain(HUDU_KEY);

    const configs = loadConnectionConfigs({ db, environment: noEnv, key: KEY });
    expect(configs.missing).toEqual([]);
    expect(configs.halo).toMatchObject({
      authUrl: "https://acme.halopsa.com/auth",
      resourceUrl: "https://acme.halopsa.com/api",
      tenant: "acme",
      clientId: "client-123",
      clientSecret: HALO_SECRET,
    });
    expect(configs.hudu).toMatchObject({ baseUrl: "https://acme.huducloud.com", apiKey: HUDU_KEY });

    // Neither secret is in the database file in plain text (WAL included).
    close();
    const bytes = [file, `${file}-wal`].map((f) => {
      try {
        return readFileSync(f).toString("latin1");
      } catch {
        return "";
      }
    });
    for (const b of bytes) {
      expect(b).not.toContain(HALO_SECRET);
      expect(b).not.toContain(HUDU_KEY);
    }
    db = openDatabase(file).db;
  });

  it("keeps a saved secret when the secret input is left empty, and replaces it when a new one is typed", () => {
    save(fullInput);
    const before = getConnectionSettingsRow({ db })!.haloClientSecretEnc;
    expect(save({ ...fullInput, haloClientSecret: "", huduApiKey: "   " }).ok).toBe(true);
    expect(getConnectionSettingsRow({ db })!.haloClientSecretEnc).toBe(before);
    expect(loadConnectionConfigs({ db, environment: noEnv, key: KEY }).halo?.clientSecret).toBe(HALO_SECRET);

    expect(save({ ...fullInput, haloClientSecret: "a-new-secret-9876" }).ok).toBe(true);
    expect(loadConnectionConfigs({ db, environment: noEnv, key: KEY }).halo?.clientSecret).toBe("a-new-secret-9876");
    expect(loadConnectionSettings({ db, environment: noEnv, key: KEY }).haloClientSecretHint).toBe("•••• 9876");
  });

  it("saves one service's card without touching the other", () => {
    save(fullInput);
    const result = save({ huduUrl: "https://acme.huducloud.com/docs", huduApiKey: "" });
    expect(result.ok).toBe(true);
    const configs = loadConnectionConfigs({ db, environment: noEnv, key: KEY });
    expect(configs.hudu?.baseUrl).toBe("https://acme.huducloud.com/docs");
    expect(configs.hudu?.apiKey).toBe(HUDU_KEY);
    expect(configs.halo?.clientId).toBe("client-123");
  });

  it("returns what cleaning changed, in plain words, and saves the cleaned values", () => {
    const result = save({
      ...fullInput,
      huduUrl: "  acme.huducloud.com/api/v1/ ",
      haloAuthUrl: "https://acme.halopsa.com/auth/token",
      haloClientId: " client-123 ",
    });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.notes.huduUrl).toEqual(
      expect.arrayContaining([expect.stringMatching(/added https:\/\//), expect.stringMatching(/removed trailing \/api\/v1/)]),
    );
    expect(result.notes.haloAuthUrl).toEqual([expect.stringMatching(/removed trailing \/token/)]);
    expect(result.notes.haloClientId).toEqual([expect.stringMatching(/spaces/)]);
    expect(result.notes.haloResourceUrl).toBeUndefined();
    expect(result.settings.huduUrl).toBe("https://acme.huducloud.com");
    expect(result.settings.haloAuthUrl).toBe("https://acme.halopsa.com/auth");
    expect(result.settings.haloClientId).toBe("client-123");
  });

  it("refuses malformed values with a message per field and writes nothing", () => {
    const result = save({ ...fullInput, haloAuthUrl: "ftp://acme.halopsa.com/auth", huduUrl: "not a url", haloClientId: "" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.haloAuthUrl).toMatch(/https:\/\//);
    expect(result.fieldErrors.huduUrl).toMatch(/spaces/);
    expect(result.fieldErrors.haloClientId).toBe("Enter the client ID.");
    expect(result.fieldErrors.haloClientSecret).toBeUndefined();
    expect(getConnectionSettingsRow({ db })).toBeUndefined();
  });

  it("refuses input that is not text at all", () => {
    const result = save({ haloClientId: 42 } as unknown as Record<string, string>);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors.haloClientId).toBeDefined();
  });

  it("asks for a secret when none is saved yet, unless the environment supplies it", () => {
    const result = save({ ...fullInput, haloClientSecret: "", huduApiKey: "" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors.haloClientSecret).toBe("Enter the client secret.");
      expect(result.fieldErrors.huduApiKey).toBe("Enter the API key.");
    }
    const withEnv = save({ ...fullInput, haloClientSecret: "", huduApiKey: "", haloClientId: "" }, {
      HALO_CLIENT_SECRET: "from-env",
      HUDU_API_KEY: "from-env",
      HALO_CLIENT_ID: "env-client",
    });
    expect(withEnv.ok).toBe(true);
    expect(getConnectionSettingsRow({ db })!.haloClientId).toBeNull();
  });

  it("clears the last test of a service whose settings changed, and only then", () => {
    save(fullInput);
    const result = { ok: true, checks: [{ id: "token", ok: true, message: "Signed in." }] };
    recordConnectionTest({ db, service: "halo", result, testedBy: "admin@example.com" });
    recordConnectionTest({ db, service: "hudu", result, testedBy: "admin@example.com" });

    // Same values again (secrets kept): nothing changed, both verdicts stay.
    const same = save({ ...fullInput, haloClientSecret: "", huduApiKey: "" });
    expect(same.ok && same.changedServices).toEqual([]);
    expect(listConnectionTests({ db }).map((t) => t.service).sort()).toEqual(["halo", "hudu"]);

    // A new Halo secret: the Halo verdict no longer applies; Hudu's does.
    const changed = save({ ...fullInput, haloClientSecret: "different-secret" });
    expect(changed.ok && changed.changedServices).toEqual(["halo"]);
    expect(listConnectionTests({ db }).map((t) => t.service)).toEqual(["hudu"]);
  });
});

describe("a saved secret stays with its server", () => {
  it("refuses to move the Hudu URL to another server without the API key typed again, and saves nothing", () => {
    save(fullInput);
    const before = getConnectionSettingsRow({ db })!;
    const result = save({ huduUrl: "https://evil.example.com", huduApiKey: "" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.huduApiKey).toBe(
      "The Hudu URL now points to another server (evil.example.com): enter the API key again. A saved API key is never sent to a server it was not entered for.",
    );
    expect(getConnectionSettingsRow({ db })).toEqual(before);
    expect(loadConnectionConfigs({ db, environment: noEnv, key: KEY }).hudu?.baseUrl).toBe("https://acme.huducloud.com");

    // With the key typed again the move is saved.
    expect(save({ huduUrl: "https://new.huducloud.com", huduApiKey: "key-for-the-new-server" }).ok).toBe(true);
    expect(loadConnectionConfigs({ db, environment: noEnv, key: KEY }).hudu).toMatchObject({
      baseUrl: "https://new.huducloud.com",
      apiKey: "key-for-the-new-server",
    });
  });

  it("treats either Halo server, and a port or scheme change, as another server", () => {
    save(fullInput);
    const halo = { ...fullInput, huduUrl: undefined, huduApiKey: undefined, haloClientSecret: "" };
    for (const change of [
      { haloAuthUrl: "https://attacker.example.com/auth" },
      { haloResourceUrl: "https://attacker.example.com/api" },
      { haloResourceUrl: "https://acme.halopsa.com:8443/api" },
    ]) {
      const result = save({ ...halo, ...change });
      expect(result.ok, JSON.stringify(change)).toBe(false);
      if (!result.ok) expect(result.fieldErrors.haloClientSecret).toMatch(/now points to another server .*enter the client secret again/);
    }
    // A new path on the same server keeps the secret.
    expect(save({ ...halo, haloAuthUrl: "https://acme.halopsa.com/auth2" }).ok).toBe(true);
    expect(loadConnectionConfigs({ db, environment: noEnv, key: KEY }).halo?.clientSecret).toBe(HALO_SECRET);
  });

  it("leaves a secret set in the environment to the environment's address", () => {
    save({ ...fullInput, huduApiKey: "" }, { HUDU_API_KEY: "env-key" });
    const result = save({ huduUrl: "https://elsewhere.example.com", huduApiKey: "" }, { HUDU_API_KEY: "env-key" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors.huduUrl).toMatch(/comes from HUDU_API_KEY on this server.*set HUDU_URL too/);
  });
});

describe("plain http", () => {
  it("is refused for a server elsewhere, accepted for this machine or in simulator mode", () => {
    const result = save({ ...fullInput, huduUrl: "http://acme.huducloud.com" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors.huduUrl).toMatch(/^Use https:\/\/: over http:\/\/ the credentials would cross the network unencrypted/);
    expect(save({ ...fullInput, huduUrl: "http://127.0.0.1:4010" }).ok).toBe(true);
    expect(save({ ...fullInput, huduUrl: "http://sim.internal:4010", huduApiKey: "k" }, { SIMULATOR_MODE: true }).ok).toBe(true);
  });

  it("makes an address from the environment, or one saved in simulator mode, unusable outside it", () => {
    expect(loadConnectionConfigs({ db, environment: { HUDU_URL: "http://hudu.example.com", HUDU_API_KEY: "k" }, key: KEY }).problems).toEqual([
      { service: "hudu", message: expect.stringMatching(/^HUDU_URL is not usable: Use https:\/\//) },
    ]);
    save({ ...fullInput, huduUrl: "http://sim.internal:4010", huduApiKey: "k" }, { SIMULATOR_MODE: true });
    const configs = loadConnectionConfigs({ db, environment: noEnv, key: KEY });
    expect(configs.hudu).toBeNull();
    expect(configs.problems).toEqual([{ service: "hudu", message: expect.stringMatching(/^The saved Hudu URL is not usable: Use https:\/\//) }]);
  });
});

describe("environment overrides", () => {
  it("win over saved values, field by field, and are flagged for the page", () => {
    save(fullInput);
    const environment = {
      HALO_CLIENT_ID: "env-client",
      HALO_CLIENT_SECRET: "env-secret-7777",
      HUDU_URL: "https://env.huducloud.com/api/v1/",
    };
    const configs = loadConnectionConfigs({ db, environment, key: KEY });
    expect(configs.halo?.clientId).toBe("env-client");
    expect(configs.halo?.clientSecret).toBe("env-secret-7777");
    expect(configs.halo?.authUrl).toBe("https://acme.halopsa.com/auth");
    expect(configs.hudu?.baseUrl).toBe("https://env.huducloud.com");
    expect(configs.hudu?.apiKey).toBe(HUDU_KEY);

    const view = loadConnectionSettings({ db, environment, key: KEY });
    expect(view.overrides.haloClientId).toEqual({ envVar: "HALO_CLIENT_ID", shown: "env-client" });
    expect(view.overrides.haloClientSecret).toEqual({ envVar: "HALO_CLIENT_SECRET", shown: "•••• 7777" });
    expect(view.overrides.huduUrl?.envVar).toBe("HUDU_URL");
    expect(view.overrides.haloAuthUrl).toBeUndefined();
    // The saved value is still what the form shows.
    expect(view.haloClientId).toBe("client-123");
    expect(JSON.stringify(view)).not.toContain("env-secret-7777");
  });

  it("can configure everything with nothing saved", () => {
    const configs = loadConnectionConfigs({
      db,
      key: KEY,
      environment: {
        HALO_AUTH_URL: "https://acme.halopsa.com/auth",
        HALO_RESOURCE_URL: "https://acme.halopsa.com/api",
        HALO_CLIENT_ID: "id",
        HALO_CLIENT_SECRET: "secret",
        HUDU_URL: "https://acme.huducloud.com",
        HUDU_API_KEY: "key",
      },
    });
    expect(configs.missing).toEqual([]);
    expect(configs.halo?.tenant).toBeUndefined();
    expect(configs.hudu).not.toBeNull();
    // Published limits unless told otherwise (HALO_RATE_LIMIT / HUDU_RATE_LIMIT, or the demo's scaled ones).
    expect(configs.halo?.rateLimit).toEqual({ limit: 300, windowMs: 300_000 });
    expect(configs.hudu?.rateLimit).toEqual({ limit: 300, windowMs: 60_000, resetWindowMs: 300_000 });
    const paced = loadConnectionConfigs({
      db,
      key: KEY,
      environment: { HALO_AUTH_URL: "https://acme.halopsa.com/auth", HALO_RESOURCE_URL: "https://acme.halopsa.com/api", HALO_CLIENT_ID: "id", HALO_CLIENT_SECRET: "s", HUDU_URL: "https://acme.huducloud.com", HUDU_API_KEY: "k" },
      rateLimits: { halo: { limit: 500, windowMs: 180_000 }, hudu: { limit: 300, windowMs: 3000 } },
    });
    expect(paced.halo?.rateLimit).toEqual({ limit: 500, windowMs: 180_000 });
    expect(paced.hudu?.rateLimit).toEqual({ limit: 300, windowMs: 3000 });
  });

  it("reports an unusable environment value as a problem, not as a saved value", () => {
    save(fullInput);
    const configs = loadConnectionConfigs({ db, key: KEY, environment: { HALO_AUTH_URL: "ftp://nope.example.com" } });
    expect(configs.halo).toBeNull();
    expect(notConfiguredMessage("halo", configs)).toMatch(/^Halo is not configured: HALO_AUTH_URL is not usable/);
    expect(configs.hudu).not.toBeNull();
  });
});

describe("loadConnectionConfigs when something is missing", () => {
  it("names the missing variables and says where to fix them", () => {
    save({ huduUrl: "https://acme.huducloud.com", huduApiKey: HUDU_KEY });
    const configs = loadConnectionConfigs({ db, environment: noEnv, key: KEY });
    expect(configs.halo).toBeNull();
    expect(configs.hudu).not.toBeNull();
    expect(configs.missing).toEqual(["HALO_AUTH_URL", "HALO_RESOURCE_URL", "HALO_CLIENT_ID", "HALO_CLIENT_SECRET"]);
    expect(notConfiguredMessage("halo", configs)).toBe(
      "Halo is not configured: set HALO_AUTH_URL, HALO_RESOURCE_URL, HALO_CLIENT_ID and HALO_CLIENT_SECRET or save them on the Connections page.",
    );
    expect(notConfiguredMessage("hudu", configs)).toBeNull();

    const one = loadConnectionConfigs({
      db,
      key: KEY,
      environment: {
        HALO_AUTH_URL: "https://acme.halopsa.com/auth",
        HALO_RESOURCE_URL: "https://acme.halopsa.com/api",
        HALO_CLIENT_SECRET: "s",
      },
    });
    expect(notConfiguredMessage("halo", one)).toBe(
      "Halo is not configured: set HALO_CLIENT_ID or save it on the Connections page.",
    );
  });

  it("says so when a saved secret cannot be decrypted with the current key", () => {
    save(fullInput);
    const view = loadConnectionSettings({ db, environment: noEnv, key: OTHER_KEY });
    expect(view.unreadableSecrets).toEqual(["haloClientSecret", "huduApiKey"]);
    expect(view.haloClientSecretHint).toBeNull();
    const configs = loadConnectionConfigs({ db, environment: noEnv, key: OTHER_KEY });
    expect(configs.halo).toBeNull();
    expect(notConfiguredMessage("halo", configs)).toMatch(/cannot be decrypted: SETTINGS_ENCRYPTION_KEY differs/);
    // Saving with the secret left empty is refused: there is nothing usable to keep.
    const result = saveConnectionSettings({ db, input: fullInputWithoutSecrets(), user: admin, environment: noEnv, key: OTHER_KEY });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors.haloClientSecret).toMatch(/Enter it again/);
  });
});

function fullInputWithoutSecrets() {
  return { ...fullInput, haloClientSecret: "", huduApiKey: "" };
}
