import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import type { SignedIn } from "@/engine/index";

/**
 * Who is signed in for this page render (null: nobody), looked up once per request. server.ts has
 * already refused pages this person may not see; this is for what the page shows them.
 */
export const currentUser = cache(async (): Promise<SignedIn | null> => {
  const requestHeaders = await headers();
  // `next build` prerenders without the server: there is no engine and nobody signed in.
  const running = globalThis.__omniflowEngine;
  return running ? running.signIn.session(requestHeaders) : null;
});
