/**
 * The chat widget's routes (public/widget.js, embedded on any site). They are public and
 * token-protected, with no cookies, so they answer CORS for any origin (preflight included):
 * - `POST /api/channels/webchat/visitors`: a new visitor and its signed token, rate-limited per client address;
 * - `GET /api/channels/webchat/events`: the visitor's live feed as Server-Sent Events over a fetch stream;
 * - `POST /api/channels/webchat/contact`: the visitor's e-mail or phone;
 * - `/api/channels/webchat/inbound` (the channel route in ingress-routes.ts) gets its CORS answers here.
 *
 * The feed takes the token in `Authorization`, like every other widget call, so it never appears in
 * a URL (access logs, proxies, Referer). EventSource cannot send that header, so the widget reads the
 * stream with fetch() and reconnects itself with `Last-Event-ID` (or `?since=`): a short-lived
 * ticket in the URL would have needed a second secret and an extra round trip on every reconnect.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_IP_HEADER } from "../engine/contracts/access";
import { isZodError } from "../engine/contracts/errors";
import type { Engine } from "../engine/index";
import { HttpError, parseJson, readBody, reply, replyError, requireJsonPost } from "./http-kit";
import { createRateLimiter, type RateLimit } from "./rate-limit";

const WEBCHAT = /^\/api\/channels\/webchat\/(visitors|inbound|events|contact)\/?$/;

/** Any origin, no credentials: the token travels in a header, never in a cookie. */
export const WEBCHAT_CORS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, last-event-id",
  "access-control-expose-headers": "retry-after",
  "access-control-max-age": "600",
};

export type WebchatRouteOptions = {
  /** New visitors per client address. */
  visitors: RateLimit;
  /** Contact forms per client address. */
  contacts: RateLimit;
  /** Open feeds per visitor (tabs) and in all; past them 429 / 503 with Retry-After. */
  streamsPerVisitor: number;
  streams: number;
  /** A comment line this often keeps proxies from closing an idle stream; the feed is re-read then too. */
  heartbeatMs: number;
  /** A stream is ended after this; the widget reconnects from its cursor (and may land on another process). */
  streamLifetimeMs: number;
};

export const DEFAULT_WEBCHAT_ROUTE_OPTIONS: WebchatRouteOptions = {
  visitors: { max: 30, windowMs: 60_000 },
  contacts: { max: 10, windowMs: 60_000 },
  streamsPerVisitor: 4,
  streams: 500,
  heartbeatMs: 15_000,
  streamLifetimeMs: 10 * 60_000,
};

/** A stream whose client reads slower than this much queued output is dropped (it reconnects from its cursor). */
const MAX_UNREAD_BYTES = 1 << 20;

export type WebchatEngine = Pick<Engine, "webchat">;

const clientOf = (req: IncomingMessage) => String(req.headers[CLIENT_IP_HEADER] ?? req.socket.remoteAddress ?? "unknown");

/** The visitor's token from `Authorization: Bearer <token>` (the engine refuses a missing or forged one with 401). */
const bearerToken = (req: IncomingMessage) => /^Bearer\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? "")?.[1] ?? "";

function limited(limiter: ReturnType<typeof createRateLimiter>, req: IncomingMessage, what: string) {
  const wait = limiter.hit(clientOf(req));
  if (wait !== null) throw new HttpError(429, "rate_limited", `Too many ${what} from this address; try again in ${wait} s.`, undefined, wait);
}

export function createWebchatRoutes(engine: WebchatEngine, options: Partial<WebchatRouteOptions> = {}) {
  const o = { ...DEFAULT_WEBCHAT_ROUTE_OPTIONS, ...options };
  const visitorLimit = createRateLimiter(o.visitors);
  const contactLimit = createRateLimiter(o.contacts);
  const open = new Set<ServerResponse>();

  /** The cursor the client sent back: `Last-Event-ID` on a reconnect, or `?since=`; a bad one is a 400 naming where it came from. */
  function firstRead(req: IncomingMessage, token: string) {
    const header = req.headers["last-event-id"];
    const since = new URL(req.url ?? "/", "http://omniflow.invalid").searchParams.get("since");
    const [field, cursor] = typeof header === "string" && header ? ["Last-Event-ID", header] : ["since", since ?? undefined];
    try {
      return engine.webchat.feed(token, cursor);
    } catch (error) {
      if (!isZodError(error)) throw error;
      const message = error.issues.map((i) => i.message).join("; ");
      throw new HttpError(400, "invalid_cursor", `${field}: ${message}`, [{ field, message }]);
    }
  }

  function stream(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== "GET") throw new HttpError(405, "method_not_allowed", "Use GET.");
    const token = bearerToken(req);
    const visitorId = engine.webchat.visitorOf(token);
    let feed = firstRead(req, token);
    if (engine.webchat.watching() >= o.streams) throw new HttpError(503, "too_many_streams", "Too many open chats; try again shortly.", undefined, 5);
    if (engine.webchat.watching(visitorId) >= o.streamsPerVisitor) {
      throw new HttpError(429, "too_many_streams", `At most ${o.streamsPerVisitor} open chats per visitor.`, undefined, 5);
    }
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" });
    let typing: boolean | null = null;
    const write = (chunk: string) => {
      if (res.writableLength > MAX_UNREAD_BYTES) res.destroy();
      else res.write(chunk);
    };
    const send = () => {
      for (;;) {
        for (const e of feed.events) write(`id: ${e.cursor}\nevent: message\ndata: ${JSON.stringify(e.message)}\n\n`);
        if (feed.typing !== typing) {
          typing = feed.typing;
          write(`event: typing\ndata: ${JSON.stringify({ active: typing })}\n\n`);
        }
        if (!feed.more) return;
        feed = engine.webchat.feed(token, feed.cursor);
      }
    };
    // Wakes that come together are read once.
    let due = false;
    const refresh = () => {
      if (due || res.destroyed) return;
      due = true;
      setImmediate(() => {
        due = false;
        try {
          feed = engine.webchat.feed(token, feed.cursor);
          send();
        } catch (error) {
          console.error("web chat feed failed", error);
          res.end();
        }
      });
    };
    const unwatch = engine.webchat.watch(visitorId, refresh);
    const heartbeat = setInterval(() => {
      write(": ping\n\n");
      refresh();
    }, o.heartbeatMs);
    const lifetime = setTimeout(() => res.end(), o.streamLifetimeMs);
    open.add(res);
    res.on("close", () => {
      unwatch();
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      open.delete(res);
    });
    write("retry: 2000\n\n");
    send();
  }

  async function contact(req: IncomingMessage, res: ServerResponse) {
    requireJsonPost(req);
    limited(contactLimit, req, "contact forms");
    const body = await readBody(req);
    await engine.webchat.leaveContact(bearerToken(req), parseJson(body));
    reply(res, 202, { status: "recorded" });
  }

  function visitors(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== "POST") throw new HttpError(405, "method_not_allowed", "Use POST.");
    limited(visitorLimit, req, "new visitors");
    reply(res, 201, engine.webchat.newVisitor());
  }

  return {
    /**
     * Answers the widget's routes and returns true; for the inbound route it only adds the CORS
     * headers (and answers the preflight) and returns false, so the channel route takes it.
     */
    handle(req: IncomingMessage, res: ServerResponse): boolean {
      const route = WEBCHAT.exec((req.url ?? "/").split("?")[0])?.[1];
      if (!route) return false;
      for (const [name, value] of Object.entries(WEBCHAT_CORS)) res.setHeader(name, value);
      if (req.method === "OPTIONS") {
        res.writeHead(204).end();
        return true;
      }
      if (route === "inbound") return false;
      const run = route === "events" ? stream : route === "contact" ? contact : visitors;
      Promise.resolve()
        .then(() => run(req, res))
        .catch((error) => replyError(res, error));
      return true;
    },
    /** Ends every open feed (shutdown: the widgets reconnect elsewhere or later). */
    close() {
      for (const res of open) res.end();
    },
  };
}

export type WebchatRoutes = ReturnType<typeof createWebchatRoutes>;
