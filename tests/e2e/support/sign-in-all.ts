import { mkdirSync } from "node:fs";
import { request, type FullConfig } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_STAFF } from "../../../prisma/seed-staff";
import { AUTH_DIR, stateFile } from "./auth";

/**
 * Signs each demo account in once, through the real sign-in endpoint, and keeps its cookies for
 * the specs (`test.use({ storageState })` or `signedInPage`). Specs that test signing in itself
 * use the form (roles.spec.ts).
 */
export default async function signInAll(config: FullConfig) {
  const baseURL = config.projects[0].use.baseURL!;
  mkdirSync(AUTH_DIR, { recursive: true });
  for (const account of DEMO_STAFF) {
    const context = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
    const response = await context.post("/api/auth/sign-in/email", { data: { email: account.email, password: DEMO_PASSWORD } });
    if (!response.ok()) throw new Error(`Signing in ${account.email} failed: HTTP ${response.status()} ${await response.text()}`);
    await context.storageState({ path: stateFile(account.id) });
    await context.dispose();
  }
}
