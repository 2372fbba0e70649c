import createNextIntlPlugin from "next-intl/plugin";

// next-intl without locale routing: the request config picks the language from a cookie or the browser.
const withNextIntl = createNextIntlPlugin("./app/_i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  allowedDevOrigins: ["127.0.0.1"],
  // Type-checking runs in `npm run typecheck` / CI; the build need not repeat it.
  typescript: { ignoreBuildErrors: false },
};

export default withNextIntl(nextConfig);
