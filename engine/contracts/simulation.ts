import * as z from "zod";
import { crmEventNameSchema } from "./crm-events";
import { channelSchema } from "./events";
import { hookNameSchema } from "./webhooks";

/** A JSON object given in a script line (payload, inputs, outputs). */
const jsonObject = (what: string) => z.record(z.string(), z.unknown(), { error: `${what} must be a JSON object` }).default({});

/** One scripted thing that happens to a simulated instance. */
export const simulationStepSchema = z.discriminatedUnion("do", [
  z.object({ do: z.literal("message"), text: z.string().trim().min(1, "required").max(4000) }),
  z.object({
    do: z.literal("wait"),
    seconds: z
      .number()
      .int()
      .min(1)
      .max(90 * 86400),
  }),
  z.object({ do: z.literal("complete-task"), outcome: z.string().trim().min(1, "required") }),
  z.object({ do: z.literal("crm-event"), name: crmEventNameSchema, payload: z.record(z.string(), z.unknown()).default({}) }),
  /** Answers the oldest HTTP request the flow is waiting on (nothing goes over the network). */
  z.object({ do: z.literal("http-response"), status: z.number().int().min(100).max(599), body: z.unknown().optional() }),
  /** A call to `POST /api/hooks/<hook>` about the script's customer; the payload is checked like the live endpoint does. */
  z.object({ do: z.literal("webhook"), hook: z.string().trim().min(1, "required").pipe(hookNameSchema), payload: jsonObject("the payload") }),
  /** The draft's schedule falls due at the simulated time (the instance has no customer, as in production). */
  z.object({ do: z.literal("schedule") }),
  /** An operator starts the flow from the customer card, optionally with a note. */
  z.object({ do: z.literal("operator-start"), note: z.string().trim().max(500).default("") }),
  /** Another flow calls this one as a subflow with these inputs. */
  z.object({ do: z.literal("subflow-call"), inputs: jsonObject("the inputs") }),
  /** Answers the oldest subflow the flow is waiting on: the called flow ended with this outcome and outputs. */
  z.object({ do: z.literal("subflow-result"), outcome: z.string().trim().max(120).nullable().default(null), outputs: jsonObject("the outputs") }),
]);
export type SimulationStep = z.infer<typeof simulationStepSchema>;

/** What a test case expects once its steps have run. */
export const expectationSchema = z.object({
  status: z.enum(["waiting", "completed", "stuck", "not-started"]).optional(),
  outcome: z.string().optional(),
  /** Each entry must be contained in the message sent at the same position, in order. */
  sent: z.array(z.string()).optional(),
  /** Node ids that must be visited in this order (others may come in between). */
  path: z.array(z.string()).optional(),
  vars: z.record(z.string(), z.unknown()).optional(),
});
export type Expectation = z.infer<typeof expectationSchema>;

/**
 * A saved test case: a scripted conversation and what must come of it. Saved with the flow,
 * run in the editor's Simulate mode and by `npm test` for every template.
 * @example { id: "hours", name: "asks for hours", steps: [{ do: "message", text: "hours?" }], expect: { outcome: "answered" } }
 */
export const flowTestCaseSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(120),
  customer: z
    .object({
      name: z.string().max(120).nullable().default("Test customer"),
      channel: channelSchema.default("webchat"),
      /** Other channels the customer can be reached on; sends elsewhere fail (fallback tests). */
      alsoOn: z.array(channelSchema).default([]),
    })
    .default({ name: "Test customer", channel: "webchat", alsoOn: [] }),
  steps: z.array(simulationStepSchema).min(1, "a test case needs at least one step").max(200),
  expect: expectationSchema.default({}),
});
export type FlowTestCase = z.infer<typeof flowTestCaseSchema>;
