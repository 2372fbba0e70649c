import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{engine,nodes,app,tests/integration}/**/*.test.ts", "tests/flows/**/*.test.ts"],
    testTimeout: 30_000,
    pool: "forks",
  },
});
