/**
 * A real Omniflow server process for the crash soak (server-kills.test.ts, timers-after-downtime.test.ts):
 * the bounded node:http server, the web guard and the machine routes in front of the engine on a file
 * database, its replies going to the test's idempotent driver through the guarded client.
 * Usage: node --import tsx tests/integration/server-child.ts <db file> <driver url>; prints `listening <port>`.
 * SOAK_FAULT=<moment>:<n> kills it with SIGKILL the n-th time it reaches <moment> once listening
 * (read here only: the engine just offers the hooks). WRITER_THREAD=<script> runs the engine's writer on its
 * thread, as the production server does, unless the fault's moment is inside the writer (a commit, a timer's
 * step, a checkpoint): those hooks run on the engine's thread only. SIGTERM closes it cleanly.
 */
import { createEngine, DEFAULT_ALLOWED_HOSTS } from "../../engine/index";
import { driverChannel } from "../../engine/testing/idempotent-driver";
import type { FaultMoment } from "../../engine/testing/server-process";
import { createBoundedServer } from "../../server/http-limits";
import { handleIngress } from "../../server/ingress-routes";
import { guardRequest } from "../../server/web-guard";

const [dbFile, driverUrl] = process.argv.slice(2);
const [moment, nth] = (process.env.SOAK_FAULT ?? "").split(":") as [FaultMoment | "", string?];
let listening = false;
let reached = 0;
/** True the n-th time the server reaches the faulted moment (counted from when it listens). */
const hit = (at: FaultMoment) => listening && at === moment && ++reached === Number(nth);
const die = () => process.kill(process.pid, "SIGKILL");
let timerStepPending = false;
const insideWriter = moment === "commit" || moment === "timer" || moment === "checkpoint";

const engine = createEngine({
  dbFile,
  writerThread: insideWriter ? undefined : process.env.WRITER_THREAD,
  allowedHosts: DEFAULT_ALLOWED_HOSTS,
  channels: [driverChannel(driverUrl, () => hit("before-send") && die())],
  faults: insideWriter
    ? {
        insideCommit: () => (hit("commit") || timerStepPending) && die(),
        timerDue: () => void (timerStepPending ||= hit("timer")),
        checkpointing: () => hit("checkpoint") && die(),
      }
    : { afterSend: () => hit("after-send") && die() },
});

const server = createBoundedServer((req, res) => {
  if (hit("intake")) die();
  if (!guardRequest(req, res, { allowedHosts: DEFAULT_ALLOWED_HOSTS, dev: false })) return;
  if (!handleIngress(engine, req, res)) res.writeHead(404).end();
});
server.listen(0, "127.0.0.1", () => {
  listening = true;
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : "?"}`);
});

process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void engine.close().then(() => process.exit(0));
});
