import type { IncomingMessage, ServerResponse } from "node:http";
import { channelSchema } from "../contracts/events";
import type { Engine } from "../index";
import { isEngineInputError, isZodError } from "../contracts/errors";

/** Webhook bodies above this are refused before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

const INBOUND = /^\/api\/channels\/([a-z]+)\/inbound\/?$/;
const EVENTS = /^\/api\/events\/?$/;
const HOOKS = /^\/api\/hooks\/([^/]+)\/?$/;

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly issues?: { field: string; message: string }[]) {
    super(message);
  }
}

/** A machine-facing POST route: takes the parsed JSON body, resolves once it is committed. */
type Route = (body: unknown, req: IncomingMessage) => Promise<{ duplicate: boolean }>;

function route(engine: Engine, path: string): Route | null {
  const inbound = INBOUND.exec(path);
  if (inbound) {
    return (body) => {
      const channel = channelSchema.safeParse(inbound[1]);
      if (!channel.success) throw new HttpError(404, "unknown_channel", `No channel "${inbound[1]}".`);
      return engine.receive(channel.data, body);
    };
  }
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
 * The machine-facing routes (channel webhooks, the CRM event API), served by plain node:http in
 * front of Next (a Next route handler tops out near 1,000 req/s here). Returns false when the
 * path is not ours, so Next handles it. A request is answered only after its event is committed.
 */
export function handleIngress(engine: Engine, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "/").split("?")[0];
  if (path === "/api/health") {
    reply(res, 200, { status: "ok" });
    return true;
  }
  const handler = route(engine, path);
  if (!handler) return false;
  void (async () => {
    try {
      if (req.method !== "POST") throw new HttpError(405, "method_not_allowed", "Use POST.");
      const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
      if (type !== "application/json") throw new HttpError(415, "unsupported_media_type", "Send Content-Type: application/json.");
      const outcome = await handler(parseJson(await readBody(req)), req);
      reply(res, outcome.duplicate ? 200 : 202, { status: outcome.duplicate ? "duplicate" : "accepted", ...outcome });
    } catch (error) {
      const e = toHttpError(error);
      if (e.status >= 500) console.error("ingress failed", error);
      reply(res, e.status, { error: e.code, message: e.message, ...(e.issues && { issues: e.issues }) });
    }
  })();
  return true;
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (isZodError(error)) {
    const issues = error.issues.map((i) => ({ field: i.path.join(".") || "(body)", message: i.message }));
    return new HttpError(400, "invalid_payload", issues.map((i) => `${i.field}: ${i.message}`).join("; "), issues);
  }
  // A reserved channel name (channelSchema) with no adapter configured is as unknown as any other.
  if (isEngineInputError(error) && error.field === "channel") return new HttpError(404, "unknown_channel", error.message);
  if (isEngineInputError(error)) {
    return new HttpError(400, "invalid_payload", error.message, error.field ? [{ field: error.field, message: error.message }] : undefined);
  }
  return new HttpError(500, "internal_error", "The event was not accepted; retry later.");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, "invalid_json", `The body is not valid JSON: ${(error as Error).message}`);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_BODY_BYTES) return reject(new HttpError(413, "payload_too_large", `The body exceeds ${MAX_BODY_BYTES} bytes.`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Keep reading (and dropping) so the 413 can still be written back.
      if (size > MAX_BODY_BYTES) reject(new HttpError(413, "payload_too_large", `The body exceeds ${MAX_BODY_BYTES} bytes.`));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(json) });
  res.end(json);
}
