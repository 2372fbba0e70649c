import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { buildServer, serverArgs, writerThreadBuild } from "../../scripts/build-server";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const childScript = (name: string) => path.join(ROOT, "bench/children", name);

/** Builds the server (its bundle and start-up snapshot) from this checkout, as `npm run build` does: a few seconds. Returns node's arguments to start it. */
export async function bundleServer(): Promise<string[]> {
  await buildServer();
  return serverArgs(ROOT);
}

/**
 * A bench child bundled the way the writer thread is (dist/bench/<name>/), so it runs as production code does: plain
 * node, no tsx. Split at its dynamic imports: each mode of the child loads only what it imports.
 */
export async function bundleChild(name: string): Promise<string> {
  const outdir = path.join(ROOT, "dist/bench", path.basename(name, ".ts"));
  const { entryPoints: _, ...options } = writerThreadBuild;
  await build({ ...options, entryPoints: { main: childScript(name) }, outdir });
  return path.join(outdir, "main.mjs");
}

/** The writer thread's script, bundled as the server's (dist/bench/writer-thread/): for an in-process engine that commits as the server does. */
export async function bundleWriterThread(): Promise<string> {
  const outdir = path.join(ROOT, "dist/bench/writer-thread");
  await build({ ...writerThreadBuild, outdir });
  return path.join(outdir, "writer-thread.mjs");
}

/**
 * Runs `node <script> ...args` (a bundled child: one process, so its VmHWM is the whole child) and
 * parses its last stdout line. `spawnedAt` is epoch ms, comparable with the child's timeOrigin.
 */
export function runChild<T>(script: string, args: string[]): Promise<{ result: T; spawnedAt: number }> {
  return new Promise((resolve, reject) => {
    const spawnedAt = performance.timeOrigin + performance.now();
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last.startsWith("{")) return reject(new Error(`${path.basename(script)} exited ${code}: ${err || out}`));
      resolve({ result: JSON.parse(last) as T, spawnedAt });
    });
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** A started child server; `spawnedAt` (ms, Date.now) is when it was spawned, to time how soon it answers. */
export type Service = { url: string; stop: () => Promise<void>; spawnedAt: number };

/** A long-running child in its own process group, stopped as a group; ready when `healthPath` answers. */
export async function startService(command: string, args: string[], env: Record<string, string>, healthPath: string, timeoutMs = 90_000): Promise<Service> {
  const port = await freePort();
  const spawnedAt = Date.now();
  const child: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid!, "SIGTERM");
    const killer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 5000);
    await exited;
    clearTimeout(killer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(" ")} exited ${child.exitCode}:\n${log}`);
    try {
      // Polled every 20 ms: the bench times how soon a restarted server takes its first webhook.
      if ((await fetch(url + healthPath)).ok) return { url, stop, spawnedAt };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${command} ${args.join(" ")} not ready after ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
