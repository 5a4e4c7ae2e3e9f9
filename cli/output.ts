/**
 * Where a command's words go. With --json, stdout carries exactly one JSON document so it can
 * be piped into jq; everything meant for a person (progress, warnings, logs) goes to stderr.
 */
export interface Output {
  json: boolean;
  /** The readable result (stdout); ignored with --json. */
  print(line?: string): void;
  /** Progress, warnings and logs (stderr), in both modes. */
  log(line: string): void;
  /** The JSON result (stdout); only with --json. */
  result(value: unknown): void;
  /** Colour helpers; plain text when stdout is not a terminal or NO_COLOR is set. */
  green(text: string): string;
  red(text: string): string;
  dim(text: string): string;
}

export function createOutput({ json }: { json: boolean }): Output {
  const colour = !json && process.stdout.isTTY && !process.env.NO_COLOR;
  const paint = (code: number) => (text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  return {
    json,
    print: (line = "") => {
      if (!json) process.stdout.write(`${line}\n`);
    },
    log: (line) => process.stderr.write(`${line}\n`),
    result: (value) => {
      if (json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    green: paint(32),
    red: paint(31),
    dim: paint(2),
  };
}

/**
 * Library code may log with console.log; in --json mode that would corrupt stdout, so console
 * output is sent to stderr for the whole run.
 */
export function keepStdoutForJson(): void {
  console.log = console.error;
  console.info = console.error;
  console.debug = console.error;
}
