/** Shared facts for the browser tests: where things run and who signs in. */
export const E2E_DIST_DIR = ".next-e2e";
export const E2E_DATA_DIR = "data/e2e";
export const ADMIN = { email: "admin@example.com", password: "correct horse battery", name: "Ada Admin" };
export const VIEWER = { email: "viewer@example.com", password: "viewer password 1" };
export const ADMIN_STATE = "playwright/.auth/admin.json";
