import * as z from "zod";
import { CHANNEL_NAMES } from "./channels";

/** Channels Omniflow speaks: the names configured in channels.ts (those without an adapter are reserved). */
export const channelSchema = z.enum(CHANNEL_NAMES);
export type Channel = z.infer<typeof channelSchema>;

/** A quiet gap after which a customer's next message opens a new conversation for triggers. */
export const CONVERSATION_GAP_MS = 24 * 3600_000;

/** What a flow knows about the customer it runs for. */
export type CustomerRef = { id: string; name: string | null; channel: Channel; address: string };

/** Events a flow instance reacts to. `at` is the engine clock (ms) when the event is applied. */
export type FlowEvent =
  /**
   * `opensConversation`: no earlier message in this conversation, or none for CONVERSATION_GAP_MS
   * (a customer coming back). Absent in events logged before it existed: read as true.
   */
  | { type: "message.received"; at: number; messageId: string; text: string; channel: Channel; opensConversation?: boolean }
  | { type: "timer.fired"; at: number; timerId: string; nodeId: string }
  | { type: "task.completed"; at: number; taskId: string; nodeId: string; outcome: string }
  | { type: "crm.event"; at: number; eventId: string; name: string; payload: Record<string, unknown> }
  | { type: "webhook.received"; at: number; hook: string; payload: Record<string, unknown> }
  /** A schedule trigger fell due (`scheduledFor`, ms); such instances have no customer. */
  | { type: "schedule.fired"; at: number; cron: string; timeZone: string; scheduledFor: number }
  /** An operator started the flow for a customer from the workspace. */
  | { type: "flow.started"; at: number; by: string; note: string }
  /** Delivery results of a `message.send` that asked to await them. */
  | { type: "message.delivered"; at: number; key: string; nodeId: string }
  | { type: "message.failed"; at: number; key: string; nodeId: string; error: string }
  /** Results of an `http.request` effect (`status` 0 = no answer). */
  | { type: "http.responded"; at: number; key: string; nodeId: string; status: number; body: unknown }
  | { type: "http.failed"; at: number; key: string; nodeId: string; error: string; unknown: boolean }
  /** A flow was called as a subflow by another instance (`key` is the caller's effect key). */
  | { type: "subflow.called"; at: number; parentInstanceId: string; key: string; inputs: Record<string, unknown> }
  /** Results of a `subflow.start`: the called instance ended (with its end node's outcome and declared outputs) or could not run. */
  | { type: "subflow.completed"; at: number; key: string; nodeId: string; outcome: string | null; outputs: Record<string, unknown> }
  | { type: "subflow.failed"; at: number; key: string; nodeId: string; error: string };

/** The input an instance starts with: the trigger's event and who it is about. */
export type StartInput = {
  instanceId: string;
  flowId: string;
  versionId: string;
  conversationId: string | null;
  customer: CustomerRef | null;
  event: FlowEvent;
};

export const NOTIFICATION_LEVELS = ["info", "warning", "critical"] as const;
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number];

/** Operator task priorities, lowest first (stored as their index). */
export const TASK_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

/** Where a CRM case stands; open and pending ones are shown to operators. */
export const CASE_STATUSES = ["open", "pending", "resolved", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
