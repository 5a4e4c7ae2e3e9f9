/** Shared facts for the browser tests: where things run and who signs in. */
export const E2E_DIST_DIR = ".next-e2e";
export const E2E_DATA_DIR = "data/e2e";
export const ADMIN = { email: "admin@example.com", password: "correct horse battery", name: "Ada Admin" };
export const VIEWER = { email: "viewer@example.com", password: "viewer password 1" };
export const ADMIN_STATE = "playwright/.auth/admin.json";
export const E2E_DEMO_DATA_DIR = "data/e2e-demo";
export const DEMO_ADMIN_STATE = "playwright/.auth/demo-admin.json";
export const DEMO_VIEWER_STATE = "playwright/.auth/demo-viewer.json";

/** What the demo server wrote about itself (simulator URLs and credentials, demo sign-in). */
export interface DemoInfo {
  url: string;
  admin: { email: string; password: string };
  halo: { url: string; authUrl: string; resourceUrl: string; tenant: string; clientId: string; clientSecret: string };
  hudu: { url: string; apiKey: string };
}

export async function readDemoInfo(): Promise<DemoInfo> {
  const { readFile } = await import("node:fs/promises");
  return JSON.parse(await readFile(`${E2E_DEMO_DATA_DIR}/demo.json`, "utf8")) as DemoInfo;
}
