import http from "node:http";
import { percentile } from "./stats";

/**
 * An open-loop client that really spaces requests 1/rate apart (autocannon's overallRate sends each
 * connection's quota back to back at the start of every second). Latency counts from the moment a
 * request was due, so a slow server cannot hide queueing (no coordinated omission).
 */
export async function pacedPosts(
  url: string,
  path: string,
  rate: number,
  seconds: number,
  request: (i: number) => { body: string; headers?: Record<string, string> },
) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
  const { hostname, port } = new URL(url);
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  const start = performance.now();
  await new Promise<void>((done) => {
    let sent = 0;
    const settled = () => latencies.length + errors === total && done();
    const send = (due: number, { body: payload, headers }: { body: string; headers?: Record<string, string> }) => {
      const req = http.request(
        {
          hostname,
          port,
          path,
          method: "POST",
          agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers },
        },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - due);
            statuses.set(res.statusCode ?? 0, (statuses.get(res.statusCode ?? 0) ?? 0) + 1);
            settled();
          });
        },
      );
      req.on("error", () => {
        errors++;
        settled();
      });
      req.end(payload);
    };
    const tick = () => {
      for (const now = performance.now(); sent < total && start + (sent * 1000) / rate <= now; sent++) send(start + (sent * 1000) / rate, request(sent));
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { total, errors, statuses, p50: percentile(latencies, 50), p99: percentile(latencies, 99), rate: total / ((performance.now() - start) / 1000) };
}
