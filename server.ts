/**
 * Omniflow's process: one node:http server. Machine-facing routes (channel webhooks, health) are
 * answered here at plain node:http speed; everything else (pages, tRPC) goes to Next.
 * The engine is created once and shared with Next's route code through globalThis.
 */
import http from "node:http";
import next from "next";
import { createEngine } from "./engine/index";
import { handleIngress } from "./server/ingress-routes";
import { seedDemo } from "./prisma/seed";
import { flowTemplates } from "./templates/catalog";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
// Loopback unless HOST says otherwise: the demo must not be reachable from the network by accident.
const hostname = process.env.HOST ?? "127.0.0.1";

// Internal hosts flows may call (on-premises CRMs): hosts, host:ports, addresses, CIDRs, comma-separated.
const outboundAllow = (process.env.OMNIFLOW_OUTBOUND_ALLOW ?? "")
  .split(",")
  .map((entry) => entry.trim())
  .filter(Boolean);

const engine = createEngine({ templates: flowTemplates, outbound: { allow: outboundAllow } });
globalThis.__omniflowEngine = engine;
await seedDemo(engine);

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  if (!handleIngress(engine, req, res)) void handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`Omniflow ready on http://localhost:${port} (${dev ? "dev" : "production"})`));

const shutdown = () => server.close(() => void engine.close().then(() => process.exit(0)));
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
