/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  allowedDevOrigins: ["127.0.0.1"],
  // Type-checking runs in `npm run typecheck` / CI; the build need not repeat it.
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
