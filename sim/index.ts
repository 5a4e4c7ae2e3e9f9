import { generateMsp, type MspSize } from "./data/generate";
import type { GeneratedMsp } from "./data/types";
import { startHaloSim, type HaloSim, type HaloSimOptions } from "./halo/server";
import { startHuduSim, type HuduSim, type HuduSimOptions } from "./hudu/server";

export { generateMsp } from "./data/generate";
export type * from "./data/types";
export type { MspSize } from "./data/generate";
export type { FaultMatch, SimControl, RateLimitConfig } from "./control";
export { startHaloSim, type HaloSim, type HaloSimOptions } from "./halo/server";
export { startHuduSim, type HuduSim, type HuduSimOptions } from "./hudu/server";

export interface StartSimulatorsOptions {
  /** Default "demo". */
  size?: MspSize;
  /** Default 1. */
  seed?: number;
  /** Default 0 (ephemeral). */
  haloPort?: number;
  /** Default 0 (ephemeral). */
  huduPort?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Passed to both as rateLimitScale (keeps the limits, shortens the windows). */
  rateScale?: number;
  /** Answer time of every request to either simulator, in ms (as `setLatency`; `clearFaults` sets it back to 0). */
  latencyMs?: number;
  /** Extra options for each simulator (data is generated from size/seed unless given here). */
  halo?: Omit<HaloSimOptions, "port" | "host">;
  hudu?: Omit<HuduSimOptions, "port" | "host">;
}

export interface RunningSimulators {
  halo: HaloSim;
  hudu: HuduSim;
  /** The generated data, including the ground truth of which Hudu company is which Halo client. */
  generated: GeneratedMsp;
  close(): Promise<void>;
}

/** Starts both simulators over one generated MSP (the demo script and the CLI use this). */
export async function startSimulators(opts: StartSimulatorsOptions = {}): Promise<RunningSimulators> {
  const generated = generateMsp({ seed: opts.seed ?? 1, size: opts.size ?? "demo" });
  const host = opts.host ?? "127.0.0.1";
  const halo = await startHaloSim({ data: generated.halo, rateLimitScale: opts.rateScale, ...opts.halo, port: opts.haloPort ?? 0, host });
  let hudu: HuduSim;
  try {
    hudu = await startHuduSim({ data: generated.hudu, rateLimitScale: opts.rateScale, ...opts.hudu, port: opts.huduPort ?? 0, host });
  } catch (err) {
    await halo.close();
    throw err;
  }
  if (opts.latencyMs) {
    halo.control.setLatency(opts.latencyMs);
    hudu.control.setLatency(opts.latencyMs);
  }
  return {
    halo,
    hudu,
    generated,
    close: async () => {
      await Promise.all([halo.close(), hudu.close()]);
    },
  };
}

/** The connection details the dashboard needs, as the CLI prints them. */
export function connectionInfo(sims: { halo: HaloSim; hudu: HuduSim }) {
  return {
    halo: {
      authUrl: sims.halo.authUrl,
      resourceUrl: sims.halo.resourceUrl,
      tenant: sims.halo.tenant,
      clientId: sims.halo.clientId,
      clientSecret: sims.halo.clientSecret,
    },
    hudu: { url: sims.hudu.url, apiKey: sims.hudu.apiKey },
  };
}
