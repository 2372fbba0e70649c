/**
 * A real server process for crash tests: spawned as `node --import tsx <entry>` (one process, so a
 * SIGKILL hits the server itself), ready once it prints `listening <port>`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Where a server's fault hooks can stop it (SOAK_FAULT=<moment>:<n>, read by the test's child): a request
 * arriving, inside a commit, between commit and send, after the provider took a send, inside the commit
 * of a due timer's step, as a WAL checkpoint starts.
 */
export const FAULT_MOMENTS = ["intake", "commit", "before-send", "after-send", "timer", "checkpoint"] as const;
export type FaultMoment = (typeof FAULT_MOMENTS)[number];

export type ProcessEnd = { code: number | null; signal: NodeJS.Signals | null };

export type ServerProcess = {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Resolves when the process has ended, however it ended. */
  ended: Promise<ProcessEnd>;
  /** Kills it at once, as the OS or an operator's `kill -9` would. */
  kill(): Promise<ProcessEnd>;
  /** Asks it to shut down (SIGTERM) and waits. */
  stop(): Promise<ProcessEnd>;
};

/** Spawns `entry` with `args` and `env`; resolves once it listens, rejects if it ends first. */
export function startServerProcess(entry: string, args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ended = new Promise<ProcessEnd>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    return ended;
  };
  return new Promise((resolve, reject) => {
    let out = "";
    child.once("error", reject);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const port = /listening (\d+)/.exec(out)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, ended, kill: () => signal("SIGKILL"), stop: () => signal("SIGTERM") });
    });
    void ended.then((end) => reject(new Error(`${entry} ended (${end.signal ?? end.code}) before it listened: ${out}`)));
  });
}
