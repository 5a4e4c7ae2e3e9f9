import type { Command } from "commander";
import { SyncError } from "@/lib/errors";
import { preparePlan } from "@/lib/sync/load";
import { SKIP_REASON_TEXT, planActions, syncRecordTypes, type Plan, type PlanItem, type SkipReason } from "@/lib/sync/types";
import { cliContext, type CliContext } from "../context";
import { CliUsageError, EXIT } from "../errors";

/**
 * `plan [--json] [--all]`: reads Halo and Hudu and prints what an import would do: totals per
 * type and action, then each create, update and archive with its changes (--all: every item).
 * Changes nothing anywhere. With --json, the whole plan (lib/sync/types.ts) on stdout.
 */

const TYPE_TITLES = { company: "companies", site: "sites", contact: "contacts", contract: "contracts" } as const;
const SIGNS = { create: "+", update: "~", unchanged: "=", archive: "-", skip: "·" } as const;
const PROGRESS_EVERY_MS = 3000;

export function register(program: Command): void {
  program
    .command("plan")
    .description("preview what an import would create, update, leave, archive or skip (reads Halo and Hudu; writes nothing)")
    .option("--all", "list unchanged and skipped items too")
    .action(async (options: { all?: boolean }, command: Command) => {
      process.exitCode = await plan(cliContext(command), Boolean(options.all));
    });
}

async function plan(ctx: CliContext, all: boolean): Promise<number> {
  const db = ctx.db();
  let lastWhat = "";
  let lastAt = 0;
  let result: Plan;
  try {
    result = await preparePlan({
      db,
      onProgress: (p) => {
        // A line when a sweep starts, then one every few seconds: a large Halo has hundreds of pages.
        const what = `${p.service} ${p.what}`;
        if (what === lastWhat && Date.now() - lastAt < PROGRESS_EVERY_MS) return;
        lastWhat = what;
        lastAt = Date.now();
        ctx.out.log(`  ${p.message}`);
      },
    });
  } catch (error) {
    if (error instanceof SyncError && error.code === "invalid_config") throw new CliUsageError(error.userMessage, "not_configured");
    if (error instanceof SyncError) {
      ctx.out.log(`Could not prepare the plan: ${error.userMessage}`);
      ctx.out.result({ error: { code: error.code, message: error.userMessage } });
      return EXIT.failed;
    }
    throw error;
  }
  ctx.out.result(result);
  if (!ctx.json) printPlan(ctx, result, all);
  return EXIT.ok;
}

export function printPlan(ctx: CliContext, plan: Plan, all: boolean): void {
  const { out } = ctx;
  out.print(`Plan (read ${plan.generatedAt})`);
  const header = ["", ...planActions].map((h, i) => (i === 0 ? h.padEnd(11) : h.padStart(10))).join("");
  out.print(header);
  for (const type of syncRecordTypes) {
    out.print(TYPE_TITLES[type].padEnd(11) + planActions.map((a) => String(plan.totals[type][a]).padStart(10)).join(""));
  }

  const skips = new Map<SkipReason, number>();
  for (const item of plan.items) if (item.skipReason) skips.set(item.skipReason, (skips.get(item.skipReason) ?? 0) + 1);
  if (skips.size) {
    out.print("\nSkipped:");
    for (const [reason, n] of [...skips].sort((a, b) => b[1] - a[1])) out.print(`  ${n} because ${SKIP_REASON_TEXT[reason]}`);
  }
  if (plan.warnings.length) {
    out.print("\nWarnings:");
    for (const w of plan.warnings.slice(0, 20)) out.print(`  ! ${w.message}`);
    if (plan.warnings.length > 20) out.print(`  … and ${plan.warnings.length - 20} more (see --json)`);
  }

  const shown = plan.items.filter((i) => all || i.action === "create" || i.action === "update" || i.action === "archive");
  if (shown.length) out.print("");
  for (const item of shown) printItem(ctx, item);
}

function printItem(ctx: CliContext, item: PlanItem): void {
  const { out } = ctx;
  const where = item.type === "company" ? "" : ` in ${item.companyName || "?"}`;
  const why = item.skipReason ? out.dim(` (${SKIP_REASON_TEXT[item.skipReason]})`) : "";
  out.print(`${SIGNS[item.action]} ${item.type} "${item.name}"${where}${why}`);
  if (item.action === "update" || item.action === "archive") {
    for (const c of item.changes) out.print(out.dim(`    ${c.label}: ${c.old ?? "(empty)"} → ${c.new ?? "(empty)"}`));
  }
}
