/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets parallel e2e runs (and developers) keep their own builds.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "s3rver"],
  poweredByHeader: false,
  // Type errors are checked by `npm run typecheck` (part of `npm test`), so parallel work-in-progress does not block builds.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    serverActions: { bodySizeLimit: "50mb" },
    // forbidden() renders app/forbidden.tsx with a 403 when a signed-in role lacks a permission.
    authInterrupts: true,
  },
};

export default nextConfig;
