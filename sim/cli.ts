/**
 * `npm run sim`: starts both simulators and prints one JSON line with their URLs and credentials.
 * Flags (or env): --size demo|tiny|large (SIM_SIZE), --seed N (SIM_SEED), --halo-port N
 * (SIM_HALO_PORT), --hudu-port N (SIM_HUDU_PORT), --rate-scale N (SIM_RATE_SCALE),
 * --host H (SIM_HOST), --latency MS (SIM_LATENCY_MS: answer time of every request),
 * --no-rate-limit (SIM_NO_RATE_LIMIT=1).
 */
import { parseArgs } from "node:util";
import { connectionInfo, startSimulators } from "./index";
import { isMspSize, MSP_SIZES, type MspSize } from "./data/generate";

const { values } = parseArgs({
  options: {
    size: { type: "string" },
    seed: { type: "string" },
    "halo-port": { type: "string" },
    "hudu-port": { type: "string" },
    "rate-scale": { type: "string" },
    host: { type: "string" },
    latency: { type: "string" },
    "no-rate-limit": { type: "boolean" },
  },
});

function num(flag: string | undefined, env: string | undefined, name: string): number | undefined {
  const raw = flag ?? env;
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    console.error(`--${name} must be a number, got ${raw}`);
    process.exit(2);
  }
  return n;
}

const sizeArg = values.size ?? process.env.SIM_SIZE ?? "demo";
if (!isMspSize(sizeArg)) {
  console.error(`--size must be ${Object.keys(MSP_SIZES).join(", ")}; got ${sizeArg}`);
  process.exit(2);
}
const size: MspSize = sizeArg;
const noRateLimit = values["no-rate-limit"] ?? process.env.SIM_NO_RATE_LIMIT === "1";

const sims = await startSimulators({
  size,
  seed: num(values.seed, process.env.SIM_SEED, "seed") ?? 1,
  haloPort: num(values["halo-port"], process.env.SIM_HALO_PORT, "halo-port") ?? 0,
  huduPort: num(values["hudu-port"], process.env.SIM_HUDU_PORT, "hudu-port") ?? 0,
  host: values.host ?? process.env.SIM_HOST ?? "127.0.0.1",
  rateScale: num(values["rate-scale"], process.env.SIM_RATE_SCALE, "rate-scale"),
  latencyMs: num(values.latency, process.env.SIM_LATENCY_MS, "latency"),
  ...(noRateLimit ? { halo: { rateLimit: false }, hudu: { rateLimit: false } } : {}),
});

process.stdout.write(JSON.stringify(connectionInfo(sims)) + "\n");

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  await sims.close();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
