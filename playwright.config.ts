import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3200);
const dbFile = `test-results/e2e-${process.pid}.db`;

/** End-to-end tests drive the production build (npm run build): the web app served by the server bundle, as `npm start` runs it. */
export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  // Signs every demo account in once; pages open as the administrator unless a spec says otherwise.
  globalSetup: "./tests/e2e/support/sign-in-all.ts",
  use: {
    storageState: "test-results/auth/alex-morgan.json",
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "node dist/server.mjs",
    // A page, not /api/health: the machine routes answer before Next is ready, pages only once it is.
    url: `http://127.0.0.1:${port}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    // The demo (its accounts); sign-in attempts are limited per address, and every spec signs in from 127.0.0.1.
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      OMNIFLOW_DB: dbFile,
      OMNIFLOW_DEMO: "1",
      OMNIFLOW_SIGN_IN_ATTEMPTS_PER_MINUTE: "100",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
