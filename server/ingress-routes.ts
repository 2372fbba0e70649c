import type { IncomingMessage, ServerResponse } from "node:http";
import type { Engine } from "../engine/index";
import { isEngineInputError } from "../engine/contracts/errors";
import { HttpError, parseJson, rawRequest, readBody, reply, replyError, requireJsonPost, send } from "./http-kit";

export { MAX_BODY_BYTES } from "./http-kit";

/** What the routes need of the engine façade. */
export type IngressEngine = Pick<Engine, "receiveRequest" | "receiveCrmEvent" | "receiveWebhook">;

/**
 * Channel webhooks: any method (handshakes may be GETs), the raw request goes to the channel's
 * adapter through the engine, which verifies and parses it; its reply becomes the response.
 * Inbound messages and delivery statuses share the URL: the adapter tells them apart.
 */
const CHANNEL = /^\/api\/channels\/([a-z]+)\/inbound\/?$/;
const EVENTS = /^\/api\/events\/?$/;
const HOOKS = /^\/api\/hooks\/([^/]+)\/?$/;

/** A JSON POST route: takes the parsed body, resolves once it is committed. */
type JsonRoute = (body: unknown, req: IncomingMessage) => Promise<{ duplicate: boolean }>;

function jsonRoute(engine: IngressEngine, path: string): JsonRoute | null {
  if (EVENTS.test(path)) return (body) => engine.receiveCrmEvent(body);
  const hook = HOOKS.exec(path);
  if (hook) {
    return async (body, req) => {
      const key = req.headers["idempotency-key"];
      try {
        return await engine.receiveWebhook(decodeURIComponent(hook[1]), body, typeof key === "string" ? key.slice(0, 128) : null);
      } catch (error) {
        if (isEngineInputError(error) && error.field === "hook") throw new HttpError(404, "unknown_hook", error.message);
        throw error;
      }
    };
  }
  return null;
}

/**
 * The machine-facing routes (channel webhooks, the CRM event API, flow webhooks), served by plain
 * node:http in front of Next (a Next route handler tops out near 1,000 req/s here). Returns false
 * when the path is not ours, so Next handles it. A request is answered only after its event is committed.
 */
export function handleIngress(engine: IngressEngine, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/api/health") {
    reply(res, 200, { status: "ok" });
    return true;
  }
  const channel = CHANNEL.exec(path);
  if (channel) {
    void respond(res, async () => {
      const answer = await engine.receiveRequest(channel[1], rawRequest(req, await readBody(req)));
      if (answer.kind === "answer") send(res, answer.answer.status, answer.answer.contentType, answer.answer.body);
      else reply(res, answer.status, answer.body);
    });
    return true;
  }
  const route = jsonRoute(engine, path);
  if (!route) return false;
  void respond(res, async () => {
    requireJsonPost(req);
    const outcome = await route(parseJson(await readBody(req)), req);
    reply(res, outcome.duplicate ? 200 : 202, { status: outcome.duplicate ? "duplicate" : "accepted", ...outcome });
  });
  return true;
}

async function respond(res: ServerResponse, handle: () => Promise<void>) {
  try {
    await handle();
  } catch (error) {
    replyError(res, error);
  }
}
