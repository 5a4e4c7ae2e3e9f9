import type { Db } from "@/db";
import { SyncError } from "@/lib/errors";
import { HaloClient } from "@/lib/halo";
import type { HttpEventHandler } from "@/lib/http/events";
import { HuduClient } from "@/lib/hudu";
import { loadConnectionConfigs, notConfiguredMessage, type ConnectionSettingsOptions } from "@/lib/settings/connection-settings";

/** Both API clients, built from the same settings: the snapshot, the plan and the import all connect here. */
export interface ConnectedSources {
  halo: HaloClient;
  hudu: HuduClient;
}

/** Builds the API clients; tests pass their own, the app reads the saved connection settings. */
export type ConnectSources = (options: { db: Db; onEvent: HttpEventHandler }) => Promise<ConnectedSources>;

/**
 * Connects with the saved settings; `options` replaces the environment's overrides or the pacing
 * (bench:import paces at the simulators' scaled limits this way).
 */
export function settingsConnector(options: Pick<ConnectionSettingsOptions, "environment" | "rateLimits"> = {}): ConnectSources {
  return async ({ db, onEvent }) => {
    const configs = loadConnectionConfigs({ db, ...options });
    for (const service of ["halo", "hudu"] as const) {
      const why = notConfiguredMessage(service, configs);
      if (why) throw new SyncError({ code: "invalid_config", service, userMessage: why });
    }
    return { halo: new HaloClient(configs.halo!, { onEvent }), hudu: new HuduClient(configs.hudu!, { onEvent }) };
  };
}

/** The one way to connect: saved settings (with the HALO_ and HUDU_ environment overrides), or a clear "not configured". */
export const connectFromSettings: ConnectSources = settingsConnector();

/** Hudu alone (the Layouts page and `layouts` need nothing from Halo). */
export type ConnectHudu = (options: { db: Db; onEvent?: HttpEventHandler }) => Promise<HuduClient>;

export const connectHuduFromSettings: ConnectHudu = async ({ db, onEvent }) => {
  const configs = loadConnectionConfigs({ db });
  const why = notConfiguredMessage("hudu", configs);
  if (why) throw new SyncError({ code: "invalid_config", service: "hudu", userMessage: why });
  return new HuduClient(configs.hudu!, { onEvent });
};
