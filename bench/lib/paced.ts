import { readFileSync } from "node:fs";
import net from "node:net";
import { percentile } from "./stats";

/** Keep-alive connections the client opens at most; a request due while all are busy waits (its latency counts the wait). */
const MAX_CONNECTIONS = 50;

/** The box's CPU time so far, all cores (jiffies): in all, and stolen by the hypervisor; null off Linux. */
function boxCpu(): { total: number; steal: number } | null {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}

/** A request's bytes on the wire, HTTP/1.1 with keep-alive. */
function serialize(host: string, path: string, { body, headers = {} }: { body: string; headers?: Record<string, string> }): Buffer {
  const payload = Buffer.from(body);
  const all = { host, "content-type": "application/json", "content-length": String(payload.length), ...headers };
  const head = `POST ${path} HTTP/1.1\r\n${Object.entries(all)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("")}\r\n`;
  return Buffer.concat([Buffer.from(head, "latin1"), payload]);
}

/**
 * Where the first complete response in `data` ends and its status; null while incomplete. Reads
 * Content-Length or a chunked body, which are all that node:http servers send for these answers.
 */
function responseIn(data: Buffer): { status: number; end: number } | null {
  const headEnd = data.indexOf("\r\n\r\n");
  if (headEnd === -1) return null;
  const head = data.toString("latin1", 0, headEnd);
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const end = headEnd + 4 + Number(length[1]);
    return data.length >= end ? { status, end } : null;
  }
  if (!/\r\ntransfer-encoding:\s*chunked/i.test(head)) return { status, end: headEnd + 4 };
  const last = data.indexOf("\r\n0\r\n\r\n", headEnd);
  return last === -1 ? null : { status, end: last + 7 };
}

/**
 * An open-loop client that really spaces requests 1/rate apart (autocannon's overallRate sends each
 * connection's quota back to back at the start of every second). Latency counts from the moment a
 * request was due, so a slow server cannot hide queueing (no coordinated omission).
 *
 * It shares the server's cores, so it is kept light: every request is built (and its token signed)
 * before the clock starts, and it speaks HTTP/1.1 over raw keep-alive sockets, one request at a time
 * on each, instead of through node:http's client (which cost about as much CPU per request as the
 * server's HTTP thread). Its own CPU time per request, and the share of the box's CPU that the
 * hypervisor took meanwhile (steal), are returned beside the latencies.
 */
export async function pacedPosts(
  url: string,
  path: string,
  rate: number,
  seconds: number,
  request: (i: number) => { body: string; headers?: Record<string, string> },
) {
  const { hostname, port, host } = new URL(url);
  const total = Math.round(rate * seconds);
  const wire = Array.from({ length: total }, (_, i) => serialize(host, path, request(i)));
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  const idle: net.Socket[] = [];
  const waiting: number[] = []; // indexes of due requests no connection could take yet
  const current = new Map<net.Socket, number>(); // the request each connection is answering
  let open = 0;
  const cpu = process.cpuUsage();
  const box = boxCpu();
  const start = performance.now();
  await new Promise<void>((done) => {
    let sent = 0;
    const settled = () => latencies.length + errors === total && done();
    const dueOf = (i: number) => start + (i * 1000) / rate;

    /** Sends request `i` on `socket`, reads its answer, then hands the socket to the next waiting request. */
    const send = (socket: net.Socket, i: number) => {
      let data: Buffer = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        data = data.length ? Buffer.concat([data, chunk]) : chunk;
        const response = responseIn(data);
        if (!response) return;
        socket.off("data", onData);
        current.delete(socket);
        latencies.push(performance.now() - dueOf(i));
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        settled();
        const next = waiting.shift();
        if (next === undefined) idle.push(socket);
        else send(socket, next);
      };
      current.set(socket, i);
      socket.on("data", onData);
      socket.write(wire[i]);
    };
    const connect = (i: number) => {
      open++;
      const socket = net.connect({ host: hostname, port: Number(port), noDelay: true }, () => send(socket, i));
      socket.on("error", () => {}); // its close follows: a request it was answering counts as an error there
      socket.on("close", () => {
        open--;
        const at = idle.indexOf(socket);
        if (at !== -1) idle.splice(at, 1);
        if (!current.delete(socket)) return;
        errors++;
        settled();
      });
    };
    const dispatch = (i: number) => {
      const socket = idle.pop();
      if (socket) send(socket, i);
      else if (open < MAX_CONNECTIONS) connect(i);
      else waiting.push(i);
    };
    const tick = () => {
      for (const now = performance.now(); sent < total && dueOf(sent) <= now; sent++) dispatch(sent);
      if (sent < total) setTimeout(tick, Math.max(1, Math.floor(dueOf(sent) - performance.now()))); // wakes for the next one only
    };
    tick();
  });
  const { user, system } = process.cpuUsage(cpu);
  const boxAfter = boxCpu();
  for (const socket of idle) socket.destroy();
  latencies.sort((a, b) => a - b);
  return {
    total,
    errors,
    statuses,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rate: total / ((performance.now() - start) / 1000),
    clientCpuMicros: (user + system) / total,
    /** Share of the box's CPU time the hypervisor gave to others during the run (a shared VM's steal). */
    stolen: box && boxAfter ? (boxAfter.steal - box.steal) / Math.max(1, boxAfter.total - box.total) : null,
  };
}
