/**
 * Sign-in in front of Next: `/api/auth/*` goes to better-auth, and each page is served only to
 * the roles the policy table (engine/contracts/access.ts) names. Someone not signed in is sent
 * to the sign-in page, someone without the role to /forbidden (`/` itself is the front door: app/page.tsx).
 * tRPC checks each procedure itself (app/_server/trpc.ts); Next's assets and the chat widget's script pass.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { allows, pageAccess } from "../engine/contracts/access";
import type { Engine } from "../engine/index";

// widget.js is the chat widget other sites embed: public, like Next's assets.
const PASS = /^\/(_next\/|api\/trpc\/|icon\.svg$|favicon\.ico$|robots\.txt$|widget\.js$)/;

type Gate = "next" | "answered";

function redirect(res: ServerResponse, location: string): Gate {
  res.writeHead(303, { location, "cache-control": "no-store" });
  res.end();
  return "answered";
}

export async function gatePage(engine: Pick<Engine, "signIn">, req: IncomingMessage, res: ServerResponse): Promise<Gate> {
  const url = new URL(req.url ?? "/", "http://omniflow.invalid");
  const path = url.pathname;
  if (path.startsWith("/api/auth/")) {
    await engine.signIn.handle(req, res);
    return "answered";
  }
  if (PASS.test(path) || path.startsWith("/api/")) return "next";
  const access = pageAccess(path);
  if (access === "public") return "next";
  const who = await engine.signIn.session(req.headers);
  if (!who) return redirect(res, `/sign-in?next=${encodeURIComponent(path + url.search)}`);
  if (allows(access, who.role)) return "next";
  return redirect(res, `/forbidden?from=${encodeURIComponent(path)}`);
}
