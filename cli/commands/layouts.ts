import type { Command } from "commander";
import { connectHuduFromSettings } from "@/lib/connections/connect";
import { SyncError } from "@/lib/errors";
import { describeStep, ensureLayouts } from "@/lib/layouts/ensure";
import { readLayoutsOverview } from "@/lib/layouts/overview";
import type { LayoutState } from "@/lib/layouts/state";
import { assetRecordTypes, type AssetRecordType } from "@/lib/sync/types";
import { cliContext, type CliContext } from "../context";
import { CliUsageError, EXIT } from "../errors";

/**
 * `layouts [--json]`: each type's chosen Hudu layout, whether it is active and whether every
 * mapped field is there; exit 1 when one is not usable.
 * `layouts ensure [--json]`: choose the layouts named Sites, Contacts and Contracts (activating
 * them), or create and activate the recommended ones; run twice, it changes nothing more.
 */

const TITLES: Record<AssetRecordType, string> = { site: "Sites", contact: "Contacts", contract: "Contracts" };

export function register(program: Command): void {
  const layouts = program
    .command("layouts")
    .description("show the Hudu layouts sites, contacts and contracts land in, and what is wrong with them")
    .action(async (_options: unknown, command: Command) => {
      process.exitCode = await show(cliContext(command));
    });
  layouts
    .command("ensure")
    .description("choose (or create and activate) a layout for sites, contacts and contracts; safe to run again")
    .option("--by <name>", "who the settings change is recorded as", "cli")
    .action(async (options: { by: string }, command: Command) => {
      process.exitCode = await ensure(cliContext(command), options.by);
    });
}

async function connect(ctx: CliContext) {
  const db = ctx.db();
  try {
    return { db, hudu: await connectHuduFromSettings({ db }) };
  } catch (error) {
    if (error instanceof SyncError && error.code === "invalid_config") throw new CliUsageError(error.userMessage, "not_configured");
    throw error;
  }
}

function printStates(ctx: CliContext, states: Record<AssetRecordType, LayoutState>): void {
  const { out } = ctx;
  for (const type of assetRecordTypes) {
    const s = states[type];
    const verdict = s.usable && s.problems.length === 0 ? out.green("ready") : s.usable ? "usable, with problems" : out.red("not usable");
    const name = s.layout ? `"${s.layout.name}" (id ${s.layout.id}, ${s.layout.active ? "active" : "inactive"})` : s.chosen ? `"${s.chosen.name}" (gone)` : "none chosen";
    out.print(`${TITLES[type]}: ${name}: ${verdict}`);
    for (const f of s.fields) out.print(out.dim(`  ${f.label} (${f.fieldType}) ← Halo ${f.source.label.toLowerCase()}`));
    for (const p of s.problems) out.print(`  ! ${p}`);
  }
}

async function show(ctx: CliContext): Promise<number> {
  const { db, hudu } = await connect(ctx);
  const overview = await readLayoutsOverview({ db, hudu });
  const ok = assetRecordTypes.every((t) => overview.states[t].usable);
  ctx.out.result({ states: overview.states, layouts: overview.layouts.map(({ id, name, active }) => ({ id, name, active })) });
  if (!ctx.json) {
    printStates(ctx, overview.states);
    if (!ok) ctx.out.print("\nRun `layouts ensure` to set up what is missing, or use the Layouts page.");
  }
  return ok ? EXIT.ok : EXIT.failed;
}

async function ensure(ctx: CliContext, by: string): Promise<number> {
  const { db, hudu } = await connect(ctx);
  const result = await ensureLayouts({ db, hudu, updatedBy: by });
  ctx.out.result({ steps: result.steps, done: result.done, states: result.states, error: result.error ?? null });
  if (!ctx.json) {
    const changes = result.steps.filter((s) => s.kind !== "keep");
    if (changes.length === 0) ctx.out.print("Nothing to do: every layout is chosen, active and has its Halo ID field.");
    for (const line of result.done) ctx.out.print(`✓ ${line}`);
    if (result.error) {
      const failed = changes.map(describeStep).filter((d) => !result.done.includes(d));
      ctx.out.print(ctx.out.red(`✗ ${failed[0] ?? "A step"} failed: ${result.error}`));
    }
    ctx.out.print();
    printStates(ctx, result.states);
  }
  return result.error ? EXIT.failed : EXIT.ok;
}
