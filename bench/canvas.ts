/**
 * `npm run bench:canvas`: how smooth the flow editor's canvas is at 100, 500 and 1,000 nodes, beside
 * an empty canvas (a flow with only its trigger) measured in the same run. Needs a production build
 * (`npm run build`). Starts the server from its snapshot (`node --snapshot-blob dist/server.blob`) on a temp database (the demo's accounts), imports
 * generated flows as a person does, and in Chromium (1440×900, as the e2e specs) counts
 * requestAnimationFrame callbacks while a node is dragged and while the canvas is panned: once as the
 * flow opens, once zoomed out to fit every node (the worst case: nothing is off screen to skip).
 */
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import type { FlowDocument, FlowExport } from "../engine/contracts/flow";
import { DEMO_PASSWORD, DEMO_STAFF } from "../prisma/seed-staff";
import { serverArgs, SERVER_SNAPSHOT } from "../scripts/build-server";
import { ROOT, startService } from "./lib/children";
import { chainFlow } from "./lib/flows";
import { fmt, machineLine } from "./lib/report";
import { tempDir } from "./lib/temp";

// chainFlow sizes are 4k + 4; BENCH_CANVAS_SIZES=500 runs one size (and the baseline).
const SIZES = (process.env.BENCH_CANVAS_SIZES ?? "100,500,1000").split(",").map(Number);
const GESTURE_MS = 3000; // each drag and each pan
const VIEWPORT = { width: 1440, height: 900 };
const ROUNDS_PER_ROW = 6;

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");

/** chainFlow's rounds wrapped into rows, so the flow is a block (as large flows are drawn) rather than one 100,000 px line. */
function blockFlow(size: number): FlowDocument {
  const doc = chainFlow(size);
  const wrap = ({ x, y }: { x: number; y: number }) => {
    const round = Math.max(0, Math.floor((x - 520) / 780));
    const row = Math.floor(round / ROUNDS_PER_ROW);
    return { x: x - row * ROUNDS_PER_ROW * 780, y: y + row * 480 };
  };
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: wrap(n.position) })) };
}

const EMPTY: FlowDocument = { nodes: [{ id: "start", type: "trigger.message-received", position: { x: 0, y: 0 }, settings: { channel: "any" } }], edges: [] };

async function importFlow(page: Page, name: string, document: FlowDocument): Promise<string> {
  const file: FlowExport = { format: "omniflow.flow", formatVersion: 1, name, document };
  await page.goto("/");
  await page
    .getByTestId("import-flow-file")
    .setInputFiles({ name: "flow.omniflow.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
  await page.waitForURL(/\/flows\/[^/]+$/, { timeout: 120_000 });
  return new URL(page.url()).pathname.split("/").pop()!;
}

type Opened = { ms: number; longestTaskMs: number };

/** Opens the editor; time from navigation to the canvas shown at its opening view, and the longest main-thread task meanwhile. */
async function open(page: Page, flowId: string): Promise<Opened> {
  await page.goto(`/flows/${flowId}`);
  await page.locator('[data-testid="flow-canvas"][data-opened="true"]').waitFor({ timeout: 120_000 });
  return page.evaluate(() => {
    const w = window as unknown as Probe;
    const shown = w.__opened ?? performance.now();
    const tasks = w.__longTasks.filter((t) => t.start < shown);
    return { ms: shown, longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)) };
  });
}

/** Notes when the canvas first shows (data-opened), and keeps long tasks: installed before any page script runs. */
type Probe = { __opened?: number; __longTasks: { start: number; duration: number }[] };
const PAGE_PROBE = () => {
  const w = window as unknown as Probe;
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const t of list.getEntries()) w.__longTasks.push({ start: t.startTime, duration: t.duration });
  }).observe({ type: "longtask", buffered: true });
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="flow-canvas"][data-opened="true"]')) {
      w.__opened = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-opened"] });
};

type Frames = { fps: number; worstMs: number };

/** Counts animation frames while `gesture` runs. */
async function frames(page: Page, gesture: () => Promise<void>): Promise<Frames> {
  // As source text: tsx would wrap a named function here in a helper the page does not have.
  await page.evaluate(`(() => {
    const w = window;
    const run = (w.__run = (w.__run ?? 0) + 1);
    w.__frames = [];
    const tick = (t) => {
      if (w.__run !== run) return; // a later count started: this one's last callback must not join it
      w.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await gesture();
  const times = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __run: number };
    w.__run++;
    return w.__frames;
  });
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  return { fps: (gaps.length * 1000) / (times[times.length - 1] - times[0]), worstMs: Math.max(...gaps) };
}

/** Presses at `from` and moves the pointer round a circle for GESTURE_MS, as fast as the page takes the moves. */
async function circle(page: Page, from: { x: number; y: number }, radius: number) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const started = Date.now();
  for (let i = 1; Date.now() - started < GESTURE_MS; i++) {
    const a = i / 12;
    await page.mouse.move(from.x + radius * Math.sin(a), from.y + radius * (1 - Math.cos(a)));
  }
  await page.mouse.up();
}

/** The centre of the rendered node nearest the middle of the canvas (its title row, where a drag starts). */
async function nodeNearMiddle(page: Page) {
  return page.evaluate(() => {
    const pane = document.querySelector(".react-flow")!.getBoundingClientRect();
    const mid = { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 };
    let best: { x: number; y: number; d: number } | null = null;
    for (const el of document.querySelectorAll(".react-flow__node-omniflow")) {
      const r = el.getBoundingClientRect();
      const p = { x: r.left + r.width / 2, y: r.top + Math.min(r.height / 2, 20 * (r.width / 240)) };
      const d = Math.hypot(p.x - mid.x, p.y - mid.y);
      if (!best || d < best.d) best = { ...p, d };
    }
    if (!best) throw new Error("no node rendered");
    return best;
  });
}

/** A spot of bare canvas (no node, edge or panel under it) near the middle, to pan from. */
async function bareSpot(page: Page) {
  return page.evaluate(() => {
    const pane = document.querySelector(".react-flow")!.getBoundingClientRect();
    for (let ring = 0; ring < 40; ring++)
      for (let k = 0; k < 16; k++) {
        const x = pane.left + pane.width / 2 + ring * 12 * Math.cos((k * Math.PI) / 8);
        const y = pane.top + pane.height / 2 + ring * 12 * Math.sin((k * Math.PI) / 8);
        if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane")) return { x, y };
      }
    throw new Error("no bare canvas to pan from");
  });
}

async function gestures(page: Page): Promise<{ drag: Frames; pan: Frames }> {
  const node = await nodeNearMiddle(page);
  const drag = await frames(page, () => circle(page, node, 120));
  const spot = await bareSpot(page);
  const pan = await frames(page, () => circle(page, spot, 150));
  return { drag, pan };
}

const shown = (f: Frames) => `${f.fps.toFixed(0)} fps / ${Math.round(f.worstMs)} ms`;
const HEAD = [
  "flow",
  "as opened: zoom, nodes mounted",
  "open → shown (longest task)",
  "drag, as opened",
  "pan, as opened",
  "drag, fit to screen",
  "pan, fit to screen",
];

/** The table as aligned text and as markdown (for the README). */
function tables(rows: string[][]): { text: string; markdown: string } {
  const all = [HEAD, ...rows];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join(" | ");
  const md = (r: string[]) => `| ${r.join(" | ")} |`;
  return {
    text: [line(HEAD), widths.map((w) => "-".repeat(w)).join("-+-"), ...rows.map(line)].join("\n"),
    markdown: [md(HEAD), md(HEAD.map(() => "---")), ...rows.map(md)].join("\n"),
  };
}

if (!existsSync(path.join(ROOT, ".next/BUILD_ID")) || !existsSync(path.join(ROOT, SERVER_SNAPSHOT))) {
  console.error("bench:canvas needs a production build: run `npm run build` first.");
  process.exit(1);
}
const machine = machineLine();
const loadBefore = load();
console.log(`${machine}\nload average (1/5/15 min) before: ${loadBefore}\n`);
const tmp = tempDir("canvas");
const server = await startService("node", serverArgs(ROOT), { OMNIFLOW_DB: tmp.db(), OMNIFLOW_DEMO: "1" }, "/sign-in", 180_000);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const rows: string[][] = [];
try {
  const context = await browser.newContext({ baseURL: server.url, viewport: VIEWPORT });
  const admin = DEMO_STAFF.find((s) => s.role === "admin") ?? DEMO_STAFF[0];
  const signIn = await context.request.post("/api/auth/sign-in/email", {
    data: { email: admin.email, password: DEMO_PASSWORD },
    headers: { origin: server.url },
  });
  if (!signIn.ok()) throw new Error(`sign-in failed: HTTP ${signIn.status()}`);
  await context.addInitScript(PAGE_PROBE);
  const page = await context.newPage();
  for (const [label, doc] of [["empty canvas (trigger only)", EMPTY] as const, ...SIZES.map((n) => [`${fmt.int(n)} nodes`, blockFlow(n)] as const)]) {
    process.stdout.write(`${label}... `);
    const t = performance.now();
    const flowId = await importFlow(page, `Canvas bench ${label}`, doc);
    const opened = await open(page, flowId);
    const zoom = await page.locator(".react-flow__viewport").evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
    const mounted = await page.locator(".react-flow__node").count();
    const asOpened = await gestures(page);
    await page.getByTestId("fit-view-button").click();
    await page.waitForTimeout(800);
    const fitZoom = await page.locator(".react-flow__viewport").evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
    const fitted = await gestures(page);
    rows.push([
      label,
      `${zoom.toFixed(2)}, ${mounted}`,
      `${fmt.ms(Math.round(opened.ms))} (${fmt.ms(Math.round(opened.longestTaskMs))})`,
      shown(asOpened.drag),
      shown(asOpened.pan),
      `${shown(fitted.drag)} (zoom ${fitZoom.toFixed(2)})`,
      shown(fitted.pan),
    ]);
    console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
} finally {
  await browser.close();
  await server.stop();
  tmp.dispose();
}
const { text, markdown } = tables(rows);
const footer = `load average after: ${load()}. fps / worst frame; 60 fps is the display's rate. The first row is the baseline: same run, same browser.`;
console.log(`\n${text}\n\n${footer}\n\nMarkdown:\n\n${machine}  \nload average before: ${loadBefore}; ${footer}\n\n${markdown}`);
