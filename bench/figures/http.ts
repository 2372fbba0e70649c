import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import { createVisitorTokens } from "../../engine/access/visitor-tokens";
import { CYCLE, mixMessage } from "../lib/demo-mix";
import { bundleServer, childScript, ROOT, startService, type Service } from "../lib/children";
import { fdatasyncTimes } from "../lib/fsync-probe";
import { loopProbe, type LoopDelay, type LoopProbe } from "../lib/loop-delay";
import { percentile } from "../lib/stats";
import { pacedPosts } from "../lib/paced";
import { fmt, type Row } from "../lib/report";
import { tempDir } from "../lib/temp";

const INBOUND = "/api/channels/webchat/inbound";

/** The server's secret key, handed to it (OMNIFLOW_SECRET_KEY) so this load generator can sign its visitors' tokens. */
const SECRET_KEY = randomBytes(32);
const visitors = createVisitorTokens(SECRET_KEY);

/** The i-th webhook of a run: the demo mix (see demo-mix.ts), every messageId unique, with the visitor's token. */
function webhook(run: string, i: number): { body: string; headers: Record<string, string> } {
  const m = mixMessage(run, Math.floor(i / CYCLE), i % CYCLE);
  return {
    body: JSON.stringify({ visitorId: m.address, messageId: m.providerMessageId, text: m.text, name: m.name }),
    headers: { authorization: `Bearer ${visitors.tokenFor(m.address)}` },
  };
}

function load(url: string, run: string, opts: { seconds: number; overallRate?: number }): Promise<Result> {
  let n = 0;
  return autocannon({
    url,
    connections: 50,
    duration: opts.seconds,
    overallRate: opts.overallRate,
    requests: [
      {
        method: "POST",
        path: INBOUND,
        headers: { "content-type": "application/json" },
        setupRequest: (req) => {
          const { body, headers } = webhook(run, n++);
          return { ...req, body, headers: { ...req.headers, ...headers } };
        },
      },
    ],
  });
}

/** Even pacings of (c2e), req/s: issue 16's target is p99 ≤ 25 ms at both with every 202 after an fdatasync when the disk's fdatasync p99.9 is under 5 ms. */
const PACINGS = [500, 1000] as const;
/**
 * A third pacing: this share of the server's own saturated rate (c1), rounded down to 100 req/s, so the
 * server is as busy on a slow host as on a fast one. Hosts of this machine kind differ about 3× in CPU
 * speed; there 1,000 req/s is a sixth or a half of what the server takes. A tail at half load is the design's.
 */
const HALF_LOAD = 0.5;
const halfLoadRate = (saturated: Result) => Math.max(100, Math.floor((saturated.requests.average * HALF_LOAD) / 100) * 100);
const FSYNC_SAMPLES = 300; // before and after the paced runs

type Paced = Awaited<ReturnType<typeof pacedPosts>> & { loop: LoopDelay };
type Measured = { firstAcceptedMs: number; saturated: Result; paced: Result; even: Paced[]; fsyncMs: number[] };

/** Spawn → the first webhook answered 202: how soon a restarted server takes what providers retry. */
async function firstAccepted(service: Service, label: string): Promise<number> {
  const { body, headers } = webhook(`${label}-first`, 0);
  const response = await fetch(service.url + INBOUND, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  if (response.status !== 202) throw new Error(`the first webhook got ${response.status}`);
  return Date.now() - service.spawnedAt;
}

/**
 * One service through (c0), (c1), (c2) and (c2e) at each pacing, then at `halfLoad` req/s (by default half its own (c1));
 * its event-loop delay during each paced run (loop-probe.mjs), and for a service with a database
 * folder the disk's fdatasync times in that folder just before and just after the paced runs.
 */
async function measure(service: Service, probe: LoopProbe, label: string, seconds: number, dbDir?: string, halfLoad?: number): Promise<Measured> {
  try {
    const firstAcceptedMs = await firstAccepted(service, label);
    await load(service.url, `${label}-warm`, { seconds: 2 });
    const saturated = await load(service.url, `${label}-c1`, { seconds });
    const paced = await load(service.url, `${label}-c2`, { seconds, overallRate: 500 });
    const fsyncMs = dbDir ? fdatasyncTimes(dbDir, FSYNC_SAMPLES) : [];
    const even: Paced[] = [];
    for (const rate of [...PACINGS, halfLoad ?? halfLoadRate(saturated)]) {
      await probe.window(); // starts a window: what came before is not this run's
      const run = await pacedPosts(service.url, INBOUND, rate, seconds, (i) => webhook(`${label}-c2e${rate}`, i));
      even.push({ ...run, loop: await probe.window() });
    }
    if (dbDir) fsyncMs.push(...fdatasyncTimes(dbDir, FSYNC_SAMPLES));
    return { firstAcceptedMs, saturated, paced, even, fsyncMs: fsyncMs.sort((a, b) => a - b) };
  } finally {
    await service.stop();
  }
}

/**
 * The server as production runs it: the web app's build (wait for one already running, its .next/lock,
 * else `next build`) and the server's bundle and snapshot, rebuilt from this checkout (a few seconds). Returns
 * node's arguments to start it.
 */
async function ensureBuild(): Promise<string[]> {
  const buildId = path.join(ROOT, ".next/BUILD_ID");
  for (let s = 0; !existsSync(buildId) && existsSync(path.join(ROOT, ".next/lock")) && s < 180; s++) await new Promise((r) => setTimeout(r, 1000));
  if (!existsSync(buildId)) {
    console.log("\n(c) no production build in .next: running `npx next build` first (about a minute)...");
    const build = spawnSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  return bundleServer();
}

/** Waits until pages answer (Next prepared, the demo staff seeded): the server has finished starting. */
async function pagesReady(service: Service) {
  for (let tries = 0; (await fetch(`${service.url}/sign-in`)).status === 503; tries++) {
    if (tries > 900) throw new Error("pages did not open within 90 s");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const evenAnswers = (r: Paced) => {
  const other = r.total - (r.statuses.get(202) ?? 0);
  return `${fmt.int(r.total)} requests, ${other || r.errors ? `${fmt.int(other)} NOT 202, ${r.errors} errors` : "all 202"}`;
};

/** What else used the box during a paced run: the client's own CPU, and the hypervisor's steal. */
const clientLoad = (r: Paced) => `client ${fmt.int(r.clientCpuMicros)} µs CPU/req${r.stolen === null ? "" : `, steal ${fmt.pct(r.stolen)} of the box's CPU`}`;

const accepted = (r: Result) => r.statusCodeStats["202"]?.count ?? 0;
const answers = (r: Result) => {
  const other = r.requests.total - accepted(r);
  const problems = other || r.errors || r.timeouts ? `${fmt.int(other)} NOT 202, ${r.errors} errors, ${r.timeouts} timeouts` : "all 202";
  return `${fmt.int(r.requests.total)} requests, ${problems}`;
};

/**
 * (c) The production server (`node --snapshot-blob dist/server.blob`: Next + engine with dispatcher, timers and
 * checkpoints on) on a fresh database, against a bare node:http server answering 202,
 * both driven by autocannon from this process with the same settings. (c0) times a restart: the
 * server is started once on the empty database (which it migrates and seeds), stopped once pages
 * are up, and started again; the load runs against that second process.
 */
export async function httpFigure(seconds: number): Promise<Row[]> {
  const serverArgs = await ensureBuild();
  const tmp = tempDir("http");
  try {
    const env = { OMNIFLOW_DB: tmp.db(), OMNIFLOW_DEMO: "1", OMNIFLOW_SECRET_KEY: SECRET_KEY.toString("base64") };
    const first = await startService("node", serverArgs, env, "/api/health");
    let emptyDbMs: number;
    try {
      emptyDbMs = await firstAccepted(first, "empty");
      await pagesReady(first);
    } finally {
      await first.stop();
    }
    const serverLoop = loopProbe(tmp.dir, "server.blob");
    const server = await measure(await startService("node", serverArgs, { ...env, ...serverLoop.env }, "/api/health"), serverLoop, "srv", seconds, tmp.dir);
    const bareLoop = loopProbe(tmp.dir, "bare-server.mjs");
    const halfLoad = halfLoadRate(server.saturated); // the bare server is paced as the server was
    const bare = await measure(
      await startService("node", [childScript("bare-server.mjs")], bareLoop.env, "/api/health"),
      bareLoop,
      "bare",
      seconds,
      undefined,
      halfLoad,
    );
    const s = server.saturated.requests.average;
    const b = bare.saturated.requests.average;
    const disk = { p50: percentile(server.fsyncMs, 50), p999: percentile(server.fsyncMs, 99.9), max: server.fsyncMs[server.fsyncMs.length - 1] };
    const diskFloor = `disk fdatasync p99.9 ${fmt.ms(disk.p999)}`;
    // The target holds only on a disk whose fdatasync p99.9 is under 5 ms: on a slower one a miss says nothing.
    const fastDisk = disk.p999 < 5;
    return [
      {
        figure: `(c0) restart: spawn → first webhook answered 202 (node --snapshot-blob dist/server.blob; its first start, on an empty database: ${fmt.int(emptyDbMs)} ms)`,
        value: `${fmt.int(server.firstAcceptedMs)} ms`,
        ceiling: `${fmt.int(bare.firstAcceptedMs)} ms (bare node:http, plain node)`,
        ratio: `${(server.firstAcceptedMs / bare.firstAcceptedMs).toFixed(1)}× / ≤ 500 ms`,
        pass: server.firstAcceptedMs <= 500,
      },
      {
        figure: `(c1) POST ${INBOUND}, 50 connections, ${seconds} s (${answers(server.saturated)})`,
        value: `${fmt.int(s)} req/s`,
        ceiling: `${fmt.int(b)} req/s (bare node:http)`,
        ratio: `${fmt.pct(s / b)} / ≥ 3,000 req/s`,
        pass: s >= 3000 && accepted(server.saturated) === server.saturated.requests.total,
      },
      {
        figure: "(c1) latency p50 / p99 at 50 connections",
        value: `${fmt.ms(server.saturated.latency.p50)} / ${fmt.ms(server.saturated.latency.p99)}`,
        ceiling: `${fmt.ms(bare.saturated.latency.p50)} / ${fmt.ms(bare.saturated.latency.p99)}`,
        ratio: "—",
      },
      {
        figure: `(c2) autocannon overallRate 500 (each connection's 10/s sent back to back each second), ${seconds} s: p99 (${answers(server.paced)})`,
        value: `${fmt.ms(server.paced.latency.p99)} (${fmt.int(server.paced.requests.average)} req/s)`,
        ceiling: `${fmt.ms(bare.paced.latency.p99)} (bare node:http)`,
        ratio: `${(server.paced.latency.p99 / bare.paced.latency.p99).toFixed(1)}× / ≤ 25 ms`,
        pass: server.paced.latency.p99 <= 25 && accepted(server.paced) === server.paced.requests.total,
      },
      ...[...PACINGS, halfLoad].flatMap((rate, k): Row[] => {
        const [srv, ceil] = [server.even[k], bare.even[k]];
        const judged = k < PACINGS.length;
        const pacing = judged ? `evenly paced ${fmt.int(rate)} req/s` : `evenly paced at half the server's (c1): ${fmt.int(rate)} req/s`;
        const allAccepted = srv.statuses.get(202) === srv.total;
        const met = srv.p99 <= 25 && allAccepted;
        return [
          {
            figure: `(c2e) ${pacing} (lib/paced.ts), ${seconds} s, each 202 after its WAL's fdatasync: p99 (${evenAnswers(srv)}; ${clientLoad(srv)})`,
            value: `${fmt.ms(srv.p99)} (p50 ${fmt.ms(srv.p50)})`,
            ceiling: `${fmt.ms(ceil.p99)} (p50 ${fmt.ms(ceil.p50)}, bare node:http); ${diskFloor}`,
            ratio: `${(srv.p99 / ceil.p99).toFixed(1)}× / ${judged ? "≤ 25 ms if disk p99.9 < 5 ms" : "not judged: how a host's share of load moves the tail"}`,
            // Half load is a diagnostic (the target is set at 500 and 1,000 req/s); every request must still be taken.
            pass: judged ? met || (fastDisk ? false : "— (slow disk)") : allAccepted ? undefined : false,
          },
          {
            figure: `(c2e) ${fmt.int(rate)} req/s: the server's event-loop delay p99 / max during the run (monitorEventLoopDelay)`,
            value: `${fmt.ms(srv.loop.p99)} / ${fmt.ms(srv.loop.max)}`,
            ceiling: `${fmt.ms(ceil.loop.p99)} / ${fmt.ms(ceil.loop.max)} (bare node:http)`,
            ratio: "—",
          },
        ];
      }),
      {
        figure: `(c2e) floor: the disk's fdatasync of 4 KiB in the db's folder, ${FSYNC_SAMPLES} before + ${FSYNC_SAMPLES} after the paced runs, p50 / p99.9 / max`,
        value: `${fmt.ms(disk.p50)} / ${fmt.ms(disk.p999)} / ${fmt.ms(disk.max)}`,
        ceiling: "—",
        ratio: "p99.9 < 5 ms for the (c2e) target",
        pass: fastDisk,
      },
    ];
  } finally {
    tmp.dispose();
  }
}
