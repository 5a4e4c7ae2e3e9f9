/** Exit codes every command uses: 0 all good, 1 the thing checked failed, 2 usage or configuration. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * A problem the user fixes by changing how the command is called or configured (missing
 * settings, bad option). Printed as its message only, no stack, with exit code 2.
 */
export class CliUsageError extends Error {
  readonly exitCode = EXIT.usage;
  constructor(
    message: string,
    /** Machine-readable reason for --json output. */
    readonly code = "usage",
  ) {
    super(message);
    this.name = "CliUsageError";
  }
}
