/**
 * `npm run bench`: every figure beside a ceiling measured in the same run, as one table on stdout
 * and in bench/out/latest.md. Figures run one after another; temp databases live under os.tmpdir().
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { channelMail } from "./figures/channel-mail";
import { channelSends } from "./figures/channel-sends";
import { channelInbound } from "./figures/channels";
import { compileFigure } from "./figures/compile";
import { engineIntake } from "./figures/engine-intake";
import { httpFigure } from "./figures/http";
import { restartFigure } from "./figures/restart";
import { storeCeiling } from "./figures/store-ceiling";
import { ROOT } from "./lib/children";
import { machineLine, markdownTable, textTable, type Row } from "./lib/report";

const EVENTS = 20_000; // (a) and (b)
const IN_FLIGHT = 100; // (b) closed-loop senders
const HTTP_SECONDS = 10; // (c1), (c2) and (c2e), each, for the server and for the bare ceiling
const WAITING = 100_000; // (d)
const CHANNEL_EVENTS = 2_000; // (f1), per block: each channel and web chat take turns in one engine
const CHANNEL_ROUNDS = 8; // (f1): blocks of each side per channel (one block's ratio swings ±25 % on this box; the totals of eight hold within a few points)
const MAILS = 1_000; // (f2)
const SMTP_CONNECTIONS = 16; // (f2): a nodemailer pool, 4 mails in flight per connection
const SENDS_PER_CHANNEL = 1_000; // (f3), on each of the five HTTP channels
const SENDS_IN_FLIGHT = 32; // (f3): per channel, the dispatcher's default per-destination limit

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");
const started = performance.now();
const rows: Row[] = [];
const step = async (name: string, figure: () => Promise<Row[]> | Row[]) => {
  process.stdout.write(`${name}... `);
  const t = performance.now();
  const got = await figure();
  rows.push(...got);
  console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`);
};

const machine = machineLine();
const loadBefore = load();
console.log(`${machine}\nload average (1/5/15 min) before: ${loadBefore}\n`);

let ceiling = 0;
await step("(a) store ceiling", async () => {
  const a = await storeCeiling(EVENTS);
  ceiling = a.eventsPerSec;
  return a.rows;
});
await step("(b) engine in-process", async () => (await engineIntake(EVENTS, IN_FLIGHT, ceiling)).rows);
await step("(c) HTTP, production server vs bare node:http", () => httpFigure(HTTP_SECONDS));
await step("(d) restart with 100,000 waiting", () => restartFigure(WAITING));
await step("(e) compile a 500-node flow", () => compileFigure(500, 20));
await step("(f1) inbound per channel vs web chat", () => channelInbound(CHANNEL_EVENTS, IN_FLIGHT, CHANNEL_ROUNDS));
await step("(f2) SMTP listener vs bare smtp-server", () => channelMail(MAILS, SMTP_CONNECTIONS, SMTP_CONNECTIONS * 4));
await step("(f3) outbound sends to the fake providers vs direct adapter.send", () => channelSends(SENDS_PER_CHANNEL, SENDS_IN_FLIGHT));

const footer = `load average after: ${load()}; total ${((performance.now() - started) / 1000).toFixed(0)} s`;
console.log(`\n${textTable(rows)}\n\n${footer}`);
const out = path.join(ROOT, "bench/out");
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "latest.md"), `${machine}  \nload average before: ${loadBefore}; ${footer}\n\n${markdownTable(rows)}\n`);
console.log(`written to ${path.relative(process.cwd(), path.join(out, "latest.md"))}`);
