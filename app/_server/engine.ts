import type { Engine } from "@/engine/index";

/**
 * The engine server.ts started. Next bundles app code separately from server.ts, so the one
 * engine instance is shared through globalThis rather than imported (which would open a second).
 */
export function engine(): Engine {
  const running = globalThis.__omniflowEngine;
  if (!running) throw new Error("The Omniflow engine is not running: start the app with `npm start` (server.ts), not `next start`.");
  return running;
}
