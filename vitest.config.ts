import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["{engine,nodes,app,server,templates,tests/integration}/**/*.test.ts", "tests/flows/**/*.test.ts", "tests/i18n/**/*.test.ts"],
    testTimeout: 30_000,
    pool: "forks",
  },
});
