import type { Engine } from "./engine/index";

declare global {
  // Set by server.ts; read by app/_server/engine.ts (the same process, different module graphs).
  var __omniflowEngine: Engine | undefined;
}
