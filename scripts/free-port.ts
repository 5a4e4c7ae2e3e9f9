import { execFileSync } from "node:child_process";

/**
 * An ephemeral port that was free a moment ago. Synchronous (a child process asks the OS for
 * port 0) because Playwright's config is evaluated synchronously.
 */
export function freePortSync(): number {
  const out = execFileSync(process.execPath, [
    "-e",
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]);
  return Number(out.toString());
}
