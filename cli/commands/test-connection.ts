import { Option, type Command } from "commander";
import type { ConnectionCheck } from "@/lib/connections";
import { runConnectionTest, type ConnectionTestOutcome } from "@/lib/settings/connection-tests";
import { serviceName, type ConnectionService } from "@/lib/settings/fields";
import { cliContext, type CliContext } from "../context";
import { EXIT } from "../errors";

/**
 * `test-connection`: the same tests as the Connections page's Test buttons, against the saved
 * settings with HALO_* / HUDU_* environment variables on top. Does not record the result: the
 * page's "last test" belongs to the server's own settings, which this shell's variables may not match.
 */

interface TestConnectionOptions {
  only?: ConnectionService;
  timeout: string;
}

/** The --json shape: per service { ok, checks } and, when it could not be tested, why. */
export type ServiceVerdict = { ok: boolean; checks: ConnectionCheck[]; error?: string };

export function register(program: Command): void {
  program
    .command("test-connection")
    .description("test the Halo and Hudu connections (exit 0 when both work, 1 when not, 2 when not configured)")
    .addOption(new Option("--only <service>", "test one service only").choices(["halo", "hudu"]))
    .option("--timeout <seconds>", "give up on a request after this many seconds", "15")
    .action(async (options: TestConnectionOptions, command: Command) => {
      const ctx = cliContext(command);
      process.exitCode = await testConnection(ctx, options);
    });
}

async function testConnection(ctx: CliContext, options: TestConnectionOptions): Promise<number> {
  const timeoutS = Number(options.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) {
    ctx.out.log("--timeout must be a number of seconds greater than 0.");
    return EXIT.usage;
  }
  const db = ctx.db();
  const services: ConnectionService[] = options.only ? [options.only] : ["halo", "hudu"];
  if (!ctx.json) ctx.out.log(`Testing ${services.map(serviceName).join(" and ")}…`);

  const outcomes = await Promise.all(
    services.map((service) =>
      runConnectionTest({
        db,
        service,
        test: { timeoutMs: timeoutS * 1000, log: ctx.verbose ? (line) => ctx.out.log(line) : undefined },
      }),
    ),
  );

  const verdicts: Partial<Record<ConnectionService, ServiceVerdict>> = {};
  for (const outcome of outcomes) verdicts[outcome.service] = toVerdict(outcome);
  ctx.out.result(verdicts);
  if (!ctx.json) for (const outcome of outcomes) printOutcome(ctx, outcome);

  if (outcomes.some((o) => o.status === "not-configured")) {
    if (ctx.json) for (const o of outcomes) if (o.status === "not-configured") ctx.out.log(o.message);
    return EXIT.usage;
  }
  return outcomes.every((o) => o.status === "tested" && o.result.ok) ? EXIT.ok : EXIT.failed;
}

function toVerdict(outcome: ConnectionTestOutcome): ServiceVerdict {
  return outcome.status === "tested"
    ? { ok: outcome.result.ok, checks: outcome.result.checks }
    : { ok: false, checks: [], error: outcome.message };
}

function printOutcome(ctx: CliContext, outcome: ConnectionTestOutcome): void {
  const { out } = ctx;
  const name = serviceName(outcome.service);
  if (outcome.status === "not-configured") {
    out.print(`${name}: ${out.red("not configured")}`);
    out.print(`  ${outcome.message}`);
    return;
  }
  out.print(`${name}: ${outcome.result.ok ? out.green("working") : out.red("not working")}`);
  for (const check of outcome.result.checks) {
    const mark = check.ok ? out.green("✓") : check.skipped ? out.dim("–") : out.red("✗");
    const detail = check.detail ? out.dim(` (${check.detail})`) : "";
    out.print(`  ${mark} ${check.skipped ? out.dim(check.message) : check.message}${detail}`);
  }
}
