import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import { createVisitorTokens } from "../../engine/access/visitor-tokens";
import { CYCLE, mixMessage } from "../lib/demo-mix";
import { bundleServer, childScript, ROOT, startService, type Service } from "../lib/children";
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

type Measured = { firstAcceptedMs: number; saturated: Result; paced: Result; even: Awaited<ReturnType<typeof pacedPosts>> };

/** Spawn → the first webhook answered 202: how soon a (re)started server takes what providers retry. */
async function firstAccepted(service: Service, label: string): Promise<number> {
  const { body, headers } = webhook(`${label}-first`, 0);
  const response = await fetch(service.url + INBOUND, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  if (response.status !== 202) throw new Error(`the first webhook got ${response.status}`);
  return Date.now() - service.spawnedAt;
}

async function measure(service: Service, label: string, seconds: number): Promise<Measured> {
  try {
    const firstAcceptedMs = await firstAccepted(service, label);
    await load(service.url, `${label}-warm`, { seconds: 2 });
    const saturated = await load(service.url, `${label}-c1`, { seconds });
    const paced = await load(service.url, `${label}-c2`, { seconds, overallRate: 500 });
    const even = await pacedPosts(service.url, INBOUND, 500, seconds, (i) => webhook(`${label}-c2e`, i));
    return { firstAcceptedMs, saturated, paced, even };
  } finally {
    await service.stop();
  }
}

/**
 * The server as production runs it: the web app's build (wait for one already running, its .next/lock,
 * else `next build`) and the server bundle, rebuilt from this checkout (under a second). Returns the bundle.
 */
async function ensureBuild(): Promise<string> {
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

const evenAnswers = (r: Measured["even"]) => {
  const other = r.total - (r.statuses.get(202) ?? 0);
  return `${fmt.int(r.total)} requests, ${other || r.errors ? `${fmt.int(other)} NOT 202, ${r.errors} errors` : "all 202"}`;
};

const accepted = (r: Result) => r.statusCodeStats["202"]?.count ?? 0;
const answers = (r: Result) => {
  const other = r.requests.total - accepted(r);
  const problems = other || r.errors || r.timeouts ? `${fmt.int(other)} NOT 202, ${r.errors} errors, ${r.timeouts} timeouts` : "all 202";
  return `${fmt.int(r.requests.total)} requests, ${problems}`;
};

/**
 * (c) The production server (`node dist/server.mjs`: Next + engine with dispatcher, timers and
 * checkpoints on) on a fresh database, against a bare node:http server answering 202,
 * both driven by autocannon from this process with the same settings. (c0) times a restart: the
 * server is started once on the empty database (which it migrates and seeds), stopped once pages
 * are up, and started again; the load runs against that second process.
 */
export async function httpFigure(seconds: number): Promise<Row[]> {
  const bundle = await ensureBuild();
  const tmp = tempDir("http");
  try {
    const env = { OMNIFLOW_DB: tmp.db(), OMNIFLOW_DEMO: "1", OMNIFLOW_SECRET_KEY: SECRET_KEY.toString("base64") };
    const first = await startService("node", [bundle], env, "/api/health");
    let emptyDbMs: number;
    try {
      emptyDbMs = await firstAccepted(first, "empty");
      await pagesReady(first);
    } finally {
      await first.stop();
    }
    const server = await measure(await startService("node", [bundle], env, "/api/health"), "srv", seconds);
    const bare = await measure(await startService("node", [childScript("bare-server.mjs")], {}, "/api/health"), "bare", seconds);
    const s = server.saturated.requests.average;
    const b = bare.saturated.requests.average;
    return [
      {
        figure: `(c0) restart: spawn → first webhook answered 202 (node dist/server.mjs; its first start, on an empty database: ${fmt.int(emptyDbMs)} ms)`,
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
      {
        figure: `(c2e) evenly paced 500 req/s (lib/paced.ts, one request every 2 ms), ${seconds} s: p99 (${evenAnswers(server.even)})`,
        value: `${fmt.ms(server.even.p99)} (p50 ${fmt.ms(server.even.p50)})`,
        ceiling: `${fmt.ms(bare.even.p99)} (p50 ${fmt.ms(bare.even.p50)})`,
        ratio: `${(server.even.p99 / bare.even.p99).toFixed(1)}× / ≤ 25 ms`,
        pass: server.even.p99 <= 25 && server.even.statuses.get(202) === server.even.total,
      },
    ];
  } finally {
    tmp.dispose();
  }
}
