import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "@/db";
import type { MspSize } from "@/sim/data/generate";

/** What the simulator-backed benchmarks share: their arguments, a timer, a throwaway database. */

/** `--json`, `--demo` (else the large size) and `--seed=N` (default 1). */
export function benchArgs(argv = process.argv): { asJson: boolean; size: MspSize; seed: number } {
  return {
    asJson: argv.includes("--json"),
    size: argv.includes("--demo") ? "demo" : "large",
    seed: Number(argv.find((a) => a.startsWith("--seed="))?.slice(7) ?? 1),
  };
}

/** Milliseconds since `start` (process.hrtime.bigint()), to a tenth. */
export function ms(start: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e5) / 10;
}

/** A database file in a temporary folder; `close` removes both. */
export function benchDatabase(prefix: string): { db: Db; close: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const { db, sqlite } = openDatabase(path.join(dir, "bench.db"));
  return {
    db,
    close: () => {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
