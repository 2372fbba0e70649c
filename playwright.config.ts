import { defineConfig } from "@playwright/test";
import { E2E_PORT as port, MAIL_SERVER, mailServerEnv } from "./tests/e2e/support/mail-server";

const dbFile = (name: string) => `test-results/${name}-${process.pid}.db`;

/** The demo (its accounts); sign-in attempts are limited per address, and every spec signs in from 127.0.0.1. */
const demoEnv = (serverPort: number, name: string) => ({
  PORT: String(serverPort),
  HOST: "127.0.0.1",
  OMNIFLOW_DB: dbFile(name),
  OMNIFLOW_DEMO: "1",
  OMNIFLOW_SIGN_IN_ATTEMPTS_PER_MINUTE: "100",
  NEXT_TELEMETRY_DISABLED: "1",
});
/** How each server starts: a page, not /api/health, tells it is ready (the machine routes answer before Next is ready, pages only once it is). */
const server = (serverPort: number, env: Record<string, string>) => ({
  command: "node --snapshot-blob dist/server.blob",
  url: `http://127.0.0.1:${serverPort}/sign-in`,
  reuseExistingServer: false,
  timeout: 120_000,
  env,
});

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
  webServer: [
    server(port, demoEnv(port, "e2e")),
    // The e-mail spec's server: e-mail live with its SMTP listener (tests/e2e/support/mail-server.ts); the others keep it sandboxed.
    server(MAIL_SERVER.port, { ...demoEnv(MAIL_SERVER.port, "e2e-mail"), ...mailServerEnv() }),
  ],
});
