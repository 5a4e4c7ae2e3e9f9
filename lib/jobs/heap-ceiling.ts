import { getHeapStatistics } from "node:v8";

/**
 * The heap ceiling every process that runs jobs starts with: `npm start`, `npm run cli` and the
 * demo's dashboard pass `--max-old-space-size=1536` to Node (package.json, scripts/dashboard.ts).
 *
 * Why: V8 lets the heap grow, before it collects, by a factor it takes from the ceiling. With an
 * old space of 2 GB or more (Node's default on a machine with 16 GB or more is about 4 GB) that
 * factor is 4; below, it falls from 2 towards 1.3 (V8's heap-controller). An import of 60,000
 * users keeps 35–100 MB live, yet with Node's default ceiling its process reached 455–483 MB,
 * mostly garbage not yet collected; with this ceiling, which allows about twice the live data,
 * 282–325 MB (bench:import; the figures are in the README). The ceiling is also a hard limit: 1.5 GB is fifteen times what
 * that import keeps live, and a bigger tenant can start Node with a higher one.
 */
export const HEAP_CEILING_MB = 1536;
export const HEAP_CEILING_FLAG = `--max-old-space-size=${HEAP_CEILING_MB}`;

/** V8's factor of 4 starts at an old space of 2,048 MB; the reported limit adds the young generation. */
const HIGH_GROWTH_FROM_MB = 2048;

/**
 * A line for the server's log when this process was started without a ceiling below V8's high
 * growth (e.g. `next start` run directly), so its memory use during an import is explained.
 */
export function heapCeilingWarning(heapLimitBytes = getHeapStatistics().heap_size_limit): string | undefined {
  const limitMB = Math.round(heapLimitBytes / 2 ** 20);
  if (limitMB < HIGH_GROWTH_FROM_MB) return undefined;
  return (
    `Node's heap ceiling is ${limitMB.toLocaleString("en")} MB. With a ceiling of 2 GB or more V8 lets the heap grow to four times the data in use, ` +
    `so an import of 60,000 Halo users can take over 400 MB. \`npm start\` starts Node with ${HEAP_CEILING_FLAG}; do the same if you start Next another way.`
  );
}
