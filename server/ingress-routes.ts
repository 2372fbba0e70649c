import type { IncomingMessage, ServerResponse } from "node:http";
import type { Engine, Sender } from "../engine/index";
import { isEngineInputError } from "../engine/contracts/errors";
import { HttpError, parseJson, rawRequest, readBody, reply, replyError, requireJsonPost, send } from "./http-kit";

export { MAX_BODY_BYTES } from "./http-kit";

/** What the routes need of the engine façade. */
export type IngressEngine = Pick<Engine, "receiveRequest" | "receiveCrmEvent" | "receiveWebhook" | "authenticate" | "writerRunsOn">;

/**
 * Channel webhooks: any method (handshakes may be GETs), the raw request goes to the channel's
 * adapter through the engine, which verifies and parses it; its reply becomes the response.
 * Inbound messages and delivery statuses share the URL: the adapter tells them apart.
 */
const CHANNEL = /^\/api\/channels\/([a-z]+)\/inbound\/?$/;
const EVENTS = /^\/api\/events\/?$/;
const HOOKS = /^\/api\/hooks\/([^/]+)\/?$/;

/** An authenticated JSON POST route: the scope it needs, and what it does with the parsed body once the sender is known. */
type JsonRoute = {
  scope: string;
  run(body: unknown, sender: Sender, req: IncomingMessage): Promise<{ duplicate: boolean }>;
};

/** A path segment decoded; a malformed escape (`%ZZ`, bytes that are not UTF-8) is the caller's mistake. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, "invalid_path", "The path has a malformed percent-encoding.");
  }
}

function jsonRoute(engine: IngressEngine, path: string): JsonRoute | null {
  if (EVENTS.test(path)) return { scope: "events", run: (body, sender) => engine.receiveCrmEvent(body, sender.keyId) };
  const match = HOOKS.exec(path);
  if (!match) return null;
  const hook = decodeSegment(match[1]);
  return {
    scope: `hooks:${hook}`,
    async run(body, sender, req) {
      const key = req.headers["idempotency-key"];
      try {
        return await engine.receiveWebhook(hook, body, sender.keyId, typeof key === "string" ? key : (sender.replayKey ?? null));
      } catch (error) {
        if (isEngineInputError(error) && error.field === "hook") throw new HttpError(404, "unknown_hook", error.message);
        throw error;
      }
    },
  };
}

/**
 * The machine-facing routes (channel webhooks, the CRM event API, flow webhooks), served by plain
 * node:http in front of Next (a Next route handler tops out near 1,000 req/s here). Returns false
 * when the path is not ours, so Next handles it. A request is answered only after its event is committed.
 * The event API and flow webhooks need an API key or a signature with the right scope (401/403 otherwise).
 */
export function handleIngress(engine: IngressEngine, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/api/health") {
    reply(res, 200, { status: "ok", writer: engine.writerRunsOn() });
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
  let route: JsonRoute | null;
  try {
    route = jsonRoute(engine, path);
  } catch (error) {
    replyError(res, error);
    return true;
  }
  if (!route) return false;
  const { scope, run } = route;
  void respond(res, async () => {
    requireJsonPost(req);
    const body = await readBody(req);
    // Who is calling is settled before anything about the body (or whether the hook exists) is told.
    const sender = engine.authenticate(rawRequest(req, body), scope);
    const outcome = await run(parseJson(body), sender, req);
    // A duplicate tells nothing of what the first call reached.
    if (outcome.duplicate) reply(res, 200, { status: "duplicate" });
    else reply(res, 202, { status: "accepted", ...outcome });
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
