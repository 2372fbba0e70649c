/**
 * Omniflow's process: one node:http server. Machine-facing routes (channel webhooks, health) are
 * answered here at plain node:http speed; everything else (pages, tRPC) goes to Next.
 * The engine is created once and shared with Next's route code through globalThis.
 * Production starts it from a snapshot of its bundle (`node --snapshot-blob dist/server.blob`, scripts/build-server.ts);
 * `npm run dev` runs it with tsx.
 */
import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startupSnapshot } from "node:v8";
import { createEngine, DEFAULT_ALLOWED_HOSTS } from "./engine/index";
import { emailSettingsFromEnv } from "./engine/channels/email/env";
import { settingsSchema as emailSettingsSchema } from "./engine/channels/email/settings";
import { engineLimitsFromEnv } from "./server/engine-limits";
import { createBoundedServer, serverLimitsFromEnv } from "./server/http-limits";
import { handleIngress } from "./server/ingress-routes";
import { loadImports } from "./server/preloads";
import { createShutdown } from "./server/shutdown";
import { snapshotMisplaced } from "./server/snapshot-place";
import { createWebchatRoutes, DEFAULT_WEBCHAT_ROUTE_OPTIONS } from "./server/webchat-routes";
import { gatePage } from "./server/page-gate";
import { createQuietGate } from "./server/quiet-gate";
import { guardRequest } from "./server/web-guard";
import { seedDemoFlow, seedStaff } from "./prisma/seed";
import { DEMO_PASSWORD, DEMO_STAFF } from "./prisma/seed-staff";
import { flowTemplates } from "./templates/catalog";

/** Creates the engine, listens, then opens pages. */
async function main() {
  const dev = process.argv.includes("--dev");
  const port = Number(process.env.PORT ?? 3000);
  // Loopback unless HOST says otherwise: the demo must not be reachable from the network by accident.
  const hostname = process.env.HOST ?? "127.0.0.1";

  // The demo (its staff with a known password, the Support chat flow) only when asked for: `npm start` asks.
  const demo = process.env.OMNIFLOW_DEMO === "1";
  /** A comma-separated setting from the environment. */
  const listSetting = (name: string) =>
    (process.env[name] ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
  // Host names the app answers on: the loopback names, HOST, and OMNIFLOW_ALLOWED_HOSTS (`*.example.com` allowed).
  const allowedHosts = [...DEFAULT_ALLOWED_HOSTS, hostname, ...listSetting("OMNIFLOW_ALLOWED_HOSTS")];
  // Internal hosts flows may call (on-premises CRMs): hosts, host:ports, addresses, CIDRs.
  const outboundAllow = listSetting("OMNIFLOW_OUTBOUND_ALLOW");

  // E-mail when OMNIFLOW_EMAIL_FROM is set (engine/channels/email/env.ts lists the variables).
  const email = emailSettingsFromEnv(process.env);

  // Built (dist/), the engine's writer runs on its own thread from the script beside the server's bundle.
  const writerThread = fileURLToPath(new URL("./writer-thread.mjs", import.meta.url));

  const engine = createEngine({
    templates: flowTemplates,
    writerThread: existsSync(writerThread) ? writerThread : undefined,
    channelSettings: { email },
    // The demo runs every channel without settings against its fake provider: nothing leaves the machine.
    sandbox: demo || process.env.OMNIFLOW_SANDBOX === "1",
    allowedHosts,
    outbound: { allow: outboundAllow },
    signInAttemptsPerMinute: Number(process.env.OMNIFLOW_SIGN_IN_ATTEMPTS_PER_MINUTE) || undefined,
    // Instance caps, the step budget, the commit queue and outbox concurrency (server/engine-limits.ts names the variables).
    ...engineLimitsFromEnv(),
    demo: demo ? { password: DEMO_PASSWORD, staff: DEMO_STAFF } : undefined,
  });
  globalThis.__omniflowEngine = engine;
  // A message that arrives before the demo's flow is published would start nothing: on an empty
  // database the flow is published before the server listens (after a restart there is nothing to do).
  if (demo) await seedDemoFlow(engine);

  // The chat widget's routes; OMNIFLOW_WEBCHAT_VISITORS_PER_MINUTE caps new visitors per client address (30 by default).
  const visitorsPerMinute = Number(process.env.OMNIFLOW_WEBCHAT_VISITORS_PER_MINUTE) || DEFAULT_WEBCHAT_ROUTE_OPTIONS.visitors.max;
  const webchat = createWebchatRoutes(engine, { visitors: { max: visitorsPerMinute, windowMs: 60_000 } });

  type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  // Null until Next is ready: pages answer 503 with Retry-After meanwhile, machine routes do not wait for it.
  let pages: PageHandler | null = null;
  const machineRoutes = createQuietGate();

  // Header and request timeouts, and at most OMNIFLOW_MAX_CONNECTIONS open connections (1,000 by default).
  const server = createBoundedServer((req, res) => {
    if (!guardRequest(req, res, { allowedHosts, dev })) return;
    if (webchat.handle(req, res) || handleIngress(engine, req, res)) return machineRoutes.track(res);
    const handle = pages;
    if (!handle) {
      res.writeHead(503, { "retry-after": "1", "content-type": "text/plain; charset=utf-8" }).end("Omniflow is starting; try again in a second.");
      return;
    }
    gatePage(engine, req, res).then(
      (gate) => {
        if (gate === "next") void handle(req, res);
      },
      (error) => {
        console.error("sign-in check failed", error);
        if (!res.headersSent) res.writeHead(500).end();
      },
    );
  }, serverLimitsFromEnv());
  // After a crash or a deploy, providers' retries reach the machine routes as soon as the store is open.
  await new Promise<void>((listening) => server.listen(port, hostname, listening));
  console.log(`Omniflow is accepting webhooks on http://localhost:${port}`);
  // Mail handed to the listener goes the inbound webhook's way, and is answered 250 once committed.
  const settings = email && emailSettingsSchema.parse(email);
  // Imported only when configured: smtp-server need not be parsed by every start.
  const listen = settings?.listenPort ? (await import("./engine/channels/email/smtp-listener")).startSmtpListener : null;
  const smtp = listen && settings ? await listen({ settings, receive: (request) => engine.receiveRequest("email", request) }) : null;
  if (smtp) console.log(`Omniflow is accepting mail on smtp://${settings?.listenHost}:${smtp.port}`);
  const shutdown = createShutdown({
    async close() {
      // Open chat feeds would hold close() up; the widgets reconnect from their cursors.
      webchat.close();
      await new Promise<void>((closed) => server.close(() => closed()));
      // The listener before the engine: a mail it is still handing over commits first.
      await smtp?.close();
      await engine.close();
    },
  });
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  // Started by npm start (scripts/start.mjs) over an IPC channel: if that process dies, even by SIGKILL, this one closes too.
  if (process.channel) process.on("disconnect", () => shutdown("npm start gone"));

  // Webhooks first: Next loads, and the demo's staff are seeded (the first use of Prisma, whose loading held
  // them up too), once the machine routes were quiet for 100 ms (within 2 s of listening).
  const quiet = machineRoutes.quiet(100, 2000);

  /** Next, imported only now: loading and preparing it takes a second or two the machine routes need not wait for. */
  async function startNext(): Promise<PageHandler> {
    await quiet;
    const { default: next } = await import("next");
    const app = next({ dev, hostname, port });
    await app.prepare();
    return app.getRequestHandler();
  }
  // Pages open once Next is ready and the demo's staff (whom the sign-in page lists) exist.
  const [handler] = await Promise.all([startNext(), demo && quiet.then(() => seedStaff(engine))]);
  pages = handler;
  console.log(`Omniflow ready on http://localhost:${port} (${dev ? "dev" : "production"})`);
}

/** A failed start ends the process: a supervisor (or the operator) sees it rather than a server that half listens. */
const start = () =>
  void main().catch((error: unknown) => {
    console.error("Omniflow could not start", error);
    process.exit(1);
  });
// Production starts from a snapshot of the bundled server, its modules already loaded (scripts/build-server.ts):
// building it runs this file, and the server starts when a process deserializes the snapshot.
if (startupSnapshot.isBuildingSnapshot()) {
  // Where the snapshot is built: kept in it, as import.meta.url is.
  const builtIn = path.dirname(fileURLToPath(import.meta.url));
  startupSnapshot.setDeserializeMainFunction(() => {
    const misplaced = snapshotMisplaced(builtIn);
    if (misplaced) {
      console.error(`Omniflow could not start: ${misplaced}`);
      process.exit(1);
    }
    // Node skips NODE_OPTIONS' --import for a start from a snapshot (it still runs --require).
    loadImports(process.env.NODE_OPTIONS);
    start();
  });
} else start();
