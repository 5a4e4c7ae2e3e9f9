/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets a second build or dev server run beside the first (e2e, helpers) without sharing .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  typedRoutes: false,
};
export default nextConfig;
