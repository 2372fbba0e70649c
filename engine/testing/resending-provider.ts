/**
 * A channel provider delivering webhooks as real ones do: many at once, and each message again
 * until the server acknowledges it with a 2xx, through crashes and restarts (a server that is down
 * or dies mid-request is simply tried again).
 */
import http from "node:http";

export type ResendingProvider = {
  /** Acknowledged messages: number → the status that acknowledged it (202 the first time, 200 a duplicate). */
  readonly acknowledged: Map<number, number>;
  /** Messages made so far (numbered from 0). */
  readonly made: number;
  /** Answers other than 2xx by status, and failed connections (`connection`). */
  readonly refusals: Map<string, number>;
  /** Stops making new messages; resolves once every message made is acknowledged (rejects after `timeoutMs`). */
  finish(timeoutMs: number): Promise<void>;
};

export type ProviderOptions = {
  concurrency: number;
  /** The server's base URL, or null while it is down. */
  server(): string | null;
  path: string;
  /** The webhook body of message `n`. */
  body(n: number): unknown;
};

export function startResendingProvider({ concurrency, server, path, body }: ProviderOptions): ResendingProvider {
  const acknowledged = new Map<number, number>();
  const refusals = new Map<string, number>();
  const resend: number[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let made = 0;
  let making = true;
  let stopped = false;
  const refused = (kind: string) => refusals.set(kind, (refusals.get(kind) ?? 0) + 1);
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function deliver(): Promise<void> {
    while (!stopped) {
      const base = server();
      const n = base === null ? undefined : (resend.shift() ?? (making ? made++ : undefined));
      if (n === undefined) {
        if (!making && acknowledged.size === made) return;
        await pause(20);
        continue;
      }
      try {
        const status = await post(`${base}${path}`, JSON.stringify(body(n)), agent);
        if (status >= 200 && status < 300) acknowledged.set(n, status);
        else {
          refused(String(status));
          resend.push(n);
        }
      } catch {
        refused("connection");
        resend.push(n);
        await pause(20);
      }
    }
  }
  const workers = Promise.all(Array.from({ length: concurrency }, deliver));

  return {
    acknowledged,
    get made() {
      return made;
    },
    refusals,
    async finish(timeoutMs) {
      making = false;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${made - acknowledged.size} of ${made} messages unacknowledged after ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([workers, late]);
      } finally {
        stopped = true;
        clearTimeout(timer);
        agent.destroy();
      }
    },
  };
}

/** POSTs JSON; resolves with the status as soon as it arrives (that is the acknowledgement). */
function post(url: string, body: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, timeout: 15_000, headers: { "content-type": "application/json" } }, (res) => {
      res.resume();
      res.on("error", () => {}); // the status is in: a body cut short by a crash changes nothing
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("no answer")));
    req.end(body);
  });
}
