import * as z from "zod";
import { channelSchema } from "./events";

/**
 * The CRM events Omniflow understands, each with a typed payload. `POST /api/events` validates
 * the payload against its event's schema; a CRM-event trigger exposes the fields as typed
 * variables (`{{vars.country}}`). Adding an event type is one entry here.
 */
export const crmEventCatalogue = {
  "card.transaction": {
    label: "Card transaction",
    payload: z.object({
      transactionId: z.string().min(1).max(100),
      amount: z.number().finite(),
      currency: z.string().length(3),
      country: z.string().min(2).max(60),
      merchant: z.string().max(200).default(""),
      unusualCountry: z.boolean().default(false),
    }),
  },
  "order.status-changed": {
    label: "Order status changed",
    payload: z.object({
      orderId: z.string().min(1).max(100),
      status: z.string().min(1).max(60),
      trackingUrl: z.string().url().max(500).optional(),
    }),
  },
  "form.abandoned": {
    label: "Form abandoned",
    payload: z.object({
      formId: z.string().min(1).max(100),
      url: z.string().url().max(500),
      phone: z.string().max(40).optional(),
    }),
  },
} as const;

export type CrmEventName = keyof typeof crmEventCatalogue;
export const crmEventNames = Object.keys(crmEventCatalogue) as [CrmEventName, ...CrmEventName[]];
export const crmEventNameSchema = z.enum(crmEventNames);

/** The body of `POST /api/events`: who it is about, a dedup id, and the typed payload. */
export const crmEventBodySchema = z
  .object({
    eventId: z.string().trim().min(1, "required").max(128),
    name: crmEventNameSchema,
    customer: z.object({
      channel: channelSchema,
      address: z.string().trim().min(1, "required").max(200),
      name: z.string().trim().max(120).optional(),
    }),
    payload: z.record(z.string(), z.unknown()),
  })
  .transform((body, ctx) => {
    const parsed = crmEventCatalogue[body.name].payload.safeParse(body.payload);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: ["payload", ...issue.path] } as never);
      return z.NEVER;
    }
    return { ...body, payload: parsed.data as Record<string, unknown> };
  });
export type CrmEventBody = z.infer<typeof crmEventBodySchema>;

/** Variable types of an event's payload fields (for the trigger's typed variables). */
export function payloadVariables(name: CrmEventName): { name: string; type: "string" | "number" | "boolean" }[] {
  const shape = crmEventCatalogue[name].payload.shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([field, schema]) => {
    const json = z.toJSONSchema(schema, { io: "input" }) as { type?: string };
    return { name: field, type: json.type === "number" ? "number" : json.type === "boolean" ? "boolean" : "string" };
  });
}
