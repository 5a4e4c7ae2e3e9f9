import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HEAP_CEILING_FLAG, heapCeilingWarning } from "./heap-ceiling";

const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;

/** The heap limit Node reports when started with `flags`. */
function heapLimitWith(flags: string[]): number {
  const out = execFileSync(process.execPath, [...flags, "-e", "process.stdout.write(String(require('node:v8').getHeapStatistics().heap_size_limit))"], {
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  return Number(out.toString());
}

describe("the heap ceiling of the processes that run jobs", () => {
  it("is given by the commands that run imports: the server and the command line", () => {
    expect(scripts.start).toContain(HEAP_CEILING_FLAG);
    expect(scripts.cli).toContain(HEAP_CEILING_FLAG);
  });

  it("keeps this Node below V8's high heap growth, and the server says so when it is not", () => {
    const withCeiling = heapLimitWith([HEAP_CEILING_FLAG]);
    expect(withCeiling).toBeGreaterThan(1000 * 2 ** 20);
    expect(heapCeilingWarning(withCeiling)).toBeUndefined();
    const high = heapLimitWith(["--max-old-space-size=4096"]);
    expect(heapCeilingWarning(high)).toMatch(/heap ceiling is 4,\d{3} MB.*--max-old-space-size=1536/);
  });
});
