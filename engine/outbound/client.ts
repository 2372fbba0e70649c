import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { wordedError } from "../contracts/errors";
import type { WordedParam } from "../contracts/error-texts";
import { type OutboundHttp, type OutboundRequest, type OutboundResponse, RequestRefused } from "../contracts/outbound";
import { type AddressKind, isLocalName, normalHost, parseAddress } from "./addresses";
import { createAddressPolicy, portOf } from "./allow-list";

/** A resolved address, as dns.lookup gives it. */
export type ResolvedAddress = { address: string; family: number };
/** Resolves a host name to all its addresses (tests inject one that answers what they need). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type OutboundOptions = {
  /** Internal hosts, host:ports, addresses and CIDR networks that may be called (on-premises CRMs). */
  allow?: readonly string[];
  resolve?: Resolver;
};

const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });
const LOOPBACK: ResolvedAddress[] = [{ address: "127.0.0.1", family: 4 }];

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Sent to the origin the request was written for, never to the one a redirect points at. */
const CREDENTIALS = ["authorization", "cookie", "proxy-authorization"];
/** Headers the transport owns (fetch forbids setting them as well). */
const TRANSPORT = new Set(["host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer", "expect"]);

/** What an internal address is, in each language a refusal is read in (an admin sees it after a test send, a flow's author in its error). */
const KIND_TEXT: Record<Exclude<AddressKind, "public">, WordedParam> = {
  loopback: { en: "a loopback address", ru: "адрес обратной петли (loopback)" },
  private: { en: "a private network address", ru: "адрес частной сети" },
  "link-local": { en: "a link-local address", ru: "локальный адрес канала (link-local)" },
  metadata: { en: "the cloud metadata address", ru: "адрес метаданных облака" },
  "unique-local": { en: "a unique local IPv6 address", ru: "уникальный локальный адрес IPv6" },
  shared: { en: "a carrier-grade NAT address", ru: "адрес NAT оператора связи (CGNAT)" },
  unspecified: { en: "an unspecified address", ru: "неуказанный адрес" },
  multicast: { en: "a multicast address", ru: "групповой адрес (multicast)" },
  broadcast: { en: "the broadcast address", ru: "широковещательный адрес" },
  reserved: { en: "a reserved address", ru: "зарезервированный адрес" },
};

/**
 * The outbound policy applied to one destination: resolves `host` (a literal address or a localhost
 * name without asking DNS), refuses it if any address is internal and not on the allow list, and
 * returns the addresses checked, for the caller to connect to exactly those. The HTTP client checks
 * every hop with it; channels that speak another protocol (SMTP) get it as `ChannelDeps.admitHost`.
 */
export function createHostCheck({ allow = [], resolve = systemResolver }: OutboundOptions = {}) {
  const policy = createAddressPolicy(allow);
  /** `shown` names the destination in a refusal (a URL's host shows its port only when the URL does). */
  return async (hostname: string, port: number, shown = `${hostname}:${port}`): Promise<ResolvedAddress[]> => {
    const host = normalHost(hostname);
    const literal = parseAddress(host) && [{ address: host, family: host.includes(":") ? 6 : 4 }];
    const addresses = literal || (isLocalName(host) ? LOOPBACK : await resolve(host));
    for (const { address } of addresses) {
      const kind = policy.refusal({ host, port, address });
      if (!kind) continue;
      throw literal
        ? wordedError(RequestRefused, "outbound.internal-address", { host: shown, kind: KIND_TEXT[kind] })
        : wordedError(RequestRefused, "outbound.internal-resolves", { host: shown, address, kind: KIND_TEXT[kind] });
    }
    return addresses;
  };
}

/**
 * The HTTP client flows call outside APIs with. Every hop (the first request and each redirect,
 * followed here, at most 5) resolves its host first, refuses it if any address is internal and not
 * on the allow list, then connects to exactly the addresses it checked (a pinned `lookup`), so a
 * DNS answer cannot change between the check and the connection. Bodies are read up to the cap.
 * Connections are kept alive per destination and the addresses checked for it (`pinnedAgents`):
 * a request reuses only a connection opened to the addresses its own check just admitted.
 */
export function createOutboundClient(options: OutboundOptions = {}): OutboundHttp {
  const check = createHostCheck(options);
  const admitted = (url: URL) => check(url.hostname, portOf(url), url.host);
  const agents = pinnedAgents();

  return async (request) => {
    try {
      return await follow(request);
    } catch (error) {
      throw request.signal.aborted ? request.signal.reason : error;
    }
  };

  async function follow(request: OutboundRequest): Promise<OutboundResponse> {
    let url = httpUrl(request.url);
    let { method, body } = request;
    let headers = withDefaults(request.headers, body);
    for (let hop = 0; ; hop++) {
      const addresses = await admitted(url);
      request.signal.throwIfAborted();
      const response = await send(url, agents.for(url, addresses), { method, headers, body, signal: request.signal });
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (!REDIRECTS.has(status) || !location) {
        const contentType = response.headers["content-type"] ?? "";
        return { status, url: url.href, contentType, ...(await readBody(response, request.maxBodyBytes, request.signal)) };
      }
      response.destroy(); // a redirect's own body is never read
      if (hop === MAX_REDIRECTS) throw wordedError(RequestRefused, "outbound.redirects", { limit: MAX_REDIRECTS, url: request.url });
      const next = httpUrl(location, url);
      // As fetch does: 303 turns anything but GET into GET, 301/302 turn POST into GET; the body goes with it.
      if ((status === 303 && method !== "GET") || ((status === 301 || status === 302) && method === "POST")) {
        method = "GET";
        body = null;
        headers = without(headers, ["content-type", "content-length"]);
      }
      if (next.origin !== url.origin) headers = without(headers, CREDENTIALS);
      url = next;
    }
  }
}

/** An absolute http(s) URL, or a refusal naming what was given. */
function httpUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw wordedError(RequestRefused, "outbound.invalid-url", { url: text.slice(0, 200) });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw wordedError(RequestRefused, "outbound.protocol", { protocol: url.protocol });
  return url;
}

function withDefaults(given: Record<string, string>, body: string | null): Record<string, string> {
  const headers: Record<string, string> = { accept: "*/*", "user-agent": "Omniflow" };
  for (const [name, value] of Object.entries(given)) if (!TRANSPORT.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  if (body !== null) {
    headers["content-type"] ??= "text/plain;charset=UTF-8";
    headers["content-length"] = String(Buffer.byteLength(body));
  }
  return headers;
}

const without = (headers: Record<string, string>, names: string[]) => Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)));

type Hop = { method: string; headers: Record<string, string>; body: string | null; signal: AbortSignal };

/** Destinations whose idle connections are kept; past it the oldest one's are closed. */
const KEPT_AGENTS = 256;
/** An idle connection is closed before servers typically drop theirs (node's default keep-alive timeout is 5 s). */
const IDLE_SOCKET_MS = 4000;

/**
 * Keep-alive agents, one per origin and the exact addresses its check admitted. An agent connects
 * only to those addresses (its `lookup` is pinned to them), so a pooled connection always leads to
 * an address a check admitted; when the name resolves elsewhere, the key changes and a new agent
 * connects afresh. The check itself runs for every request before its agent is picked.
 */
function pinnedAgents() {
  const agents = new Map<string, http.Agent>();
  return {
    for(url: URL, addresses: ResolvedAddress[]): http.Agent {
      const key = `${url.protocol}//${url.host} ${addresses.map((a) => a.address).join(" ")}`;
      const known = agents.get(key);
      if (known) return known;
      const pinned = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
        options.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family)) as unknown as LookupFunction;
      const Agent = url.protocol === "https:" ? https.Agent : http.Agent;
      const agent = new Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS, lookup: pinned } as http.AgentOptions);
      if (agents.size >= KEPT_AGENTS) {
        const [oldest] = agents;
        agents.delete(oldest[0]);
        oldest[1].destroy();
      }
      agents.set(key, agent);
      return agent;
    },
  };
}

/** One request, on a connection to the checked addresses only (its agent's pinned `lookup`). */
function send(url: URL, agent: http.Agent, { method, headers, body, signal }: Hop): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    try {
      const request = (url.protocol === "https:" ? https : http).request(url, { method, headers, signal, agent }, resolve);
      request.on("error", reject);
      request.end(body ?? undefined);
    } catch (error) {
      // Node refuses malformed header names and values before connecting: no retry makes them valid.
      reject(String((error as { code?: string }).code).startsWith("ERR_INVALID") ? new RequestRefused(`refused to send: ${(error as Error).message}`) : error);
    }
  });
}

/** Reads up to `max` bytes of the body as UTF-8; past it the response is destroyed unread. */
function readBody(response: http.IncomingMessage, max: number, signal: AbortSignal): Promise<{ text: string; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (truncated: boolean) => {
      done = true;
      signal.removeEventListener("abort", abort);
      // A multi-byte character cut at the cap is left out rather than shown broken.
      resolve({ text: new TextDecoder().decode(Buffer.concat(chunks), { stream: truncated }), truncated });
    };
    const abort = () => response.destroy(signal.reason);
    signal.addEventListener("abort", abort, { once: true });
    response.on("data", (chunk: Buffer) => {
      const room = max - size;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        response.destroy();
        finish(true);
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    response.on("end", () => finish(false));
    const fail = (error: Error) => {
      done = true;
      signal.removeEventListener("abort", abort);
      reject(error);
    };
    response.on("error", fail);
    response.on("close", () => done || fail(new Error("the connection closed before the answer ended")));
  });
}
