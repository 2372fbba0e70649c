import type { Browser, Page } from "@playwright/test";
import { DEMO_OPERATOR_ID } from "../../../prisma/seed-staff";
import { DESKTOP } from "./app";

export const AUTH_DIR = "test-results/auth";

/** The cookies of a demo account signed in by the global setup (sign-in-all.ts), by staff id. */
export const stateFile = (staffId: string) => `${AUTH_DIR}/${staffId}.json`;

/** Demo staff ids by who they are in the specs. */
export const DEMO = {
  admin: "alex-morgan",
  owner: "paula-owens",
  marketer: "mia-chen",
  operator: DEMO_OPERATOR_ID,
  olga: "olga-petrova",
  supervisor: "sam-lee",
};

/** A new page in its own browser context, signed in as that demo account (the caller closes it with `page.context().close()`). */
export async function signedInPage(browser: Browser, staffId: string): Promise<Page> {
  const context = await browser.newContext({ storageState: stateFile(staffId), viewport: DESKTOP });
  return context.newPage();
}
