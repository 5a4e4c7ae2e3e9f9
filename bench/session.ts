/**
 * What checking a session costs per request, now that every check also proves the token's
 * session version is current (one primary-key read of the user row in the jwt callback).
 *
 * Measures, over many iterations against a real SQLite file: decoding the session JWT alone
 * (what next-auth does on every request regardless), and decoding plus our jwt and session
 * callbacks (what a page, action or route handler pays now). Before this change the same row was
 * read by currentUser() instead, so pages, actions and handlers read it once either way; the
 * figure below is the whole cost of the check, for /api/auth/session too.
 *
 * `npm run bench:session` (`-- --json` for machine-readable figures).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ITERATIONS = 5_000;
const asJson = process.argv.includes("--json");

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-session-"));
  // The modules below read the environment once, on first use.
  process.env.DATABASE_PATH = path.join(dir, "bench.db");
  process.env.NEXTAUTH_SECRET = randomBytes(32).toString("base64");
  process.env.SETTINGS_ENCRYPTION_KEY = randomBytes(32).toString("base64");
  const { getDb } = await import("@/db");
  const { createUser } = await import("@/db/queries/users");
  const { sessionCallbacks } = await import("@/lib/auth/session-callbacks");
  const { encode, decode } = await import("next-auth/jwt");

  try {
    const user = createUser({ db: getDb(), user: { email: "bench@example.com", role: "admin", passwordHash: "x" } });
    const secret = process.env.NEXTAUTH_SECRET;
    const token = await encode({ secret, token: { uid: user.id, sv: user.sessionVersion, role: user.role, email: user.email } });
    const jwt = sessionCallbacks.jwt!;
    const session = sessionCallbacks.session!;

    const time = async (work: () => Promise<unknown>) => {
      for (let i = 0; i < 200; i++) await work(); // warm up
      const start = process.hrtime.bigint();
      for (let i = 0; i < ITERATIONS; i++) await work();
      return Number(process.hrtime.bigint() - start) / 1e3 / ITERATIONS;
    };
    const decodeOnly = await time(() => decode({ secret, token }));
    const withCheck = await time(async () => {
      const decoded = (await decode({ secret, token }))!;
      const checked = await jwt({ token: decoded } as Parameters<typeof jwt>[0]);
      return session({ session: { expires: "" }, token: checked } as Parameters<typeof session>[0]);
    });
    const figures = {
      iterations: ITERATIONS,
      decodeOnlyMicroseconds: Math.round(decodeOnly),
      decodeAndCheckMicroseconds: Math.round(withCheck),
      checkMicroseconds: Math.round(withCheck - decodeOnly),
    };
    if (asJson) console.log(JSON.stringify(figures, null, 2));
    else {
      console.log(`Session check per request (${ITERATIONS} iterations, SQLite file, WAL):`);
      console.log(`  decode the session JWT (next-auth, every request)      ${figures.decodeOnlyMicroseconds} µs`);
      console.log(`  decode + version check + session (what we pay now)   ${figures.decodeAndCheckMicroseconds} µs`);
      console.log(`  the version check itself (one primary-key read)       ${figures.checkMicroseconds} µs`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
