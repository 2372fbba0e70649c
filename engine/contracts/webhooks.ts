import * as z from "zod";
import { channelSchema } from "./events";

/** The body of `POST /api/hooks/<hook>`: the declared payload, and optionally who it is about. */
export const webhookBodySchema = z.object({
  payload: z.record(z.string(), z.unknown()),
  customer: z.object({ channel: channelSchema, address: z.string().trim().min(1).max(200), name: z.string().trim().max(120).optional() }).optional(),
});
export type WebhookBody = z.infer<typeof webhookBodySchema>;

/** A webhook's name in its URL. */
export const hookNameSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, "lower-case letters, digits and dashes");

/** The `Idempotency-Key` a webhook call may carry: refused when too long, never cut short (two keys must not become one). */
export const idempotencySchema = z.object({ idempotencyKey: z.string().min(1).max(255, "at most 255 characters").nullable() });
