/**
 * Runs once when the server starts: check the environment (a missing or malformed variable
 * stops start-up with its name), open the database (which applies migrations) and seed the
 * first admin from ADMIN_EMAIL/ADMIN_PASSWORD when there is no user yet.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerOrExit } = await import("@/lib/startup");
  await startServerOrExit();
}
