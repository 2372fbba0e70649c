import { contactClaimSchema } from "../contracts/contact";
import { crmEventBodySchema } from "../contracts/crm-events";
import type { Channel } from "../contracts/events";
import { isStoreUnavailableError } from "../contracts/errors";
import { customerIdSchema } from "../contracts/privacy";
import { givenIdentitySchema } from "../contracts/identity";
import { hookNameSchema, idempotencySchema, webhookBodySchema } from "../contracts/webhooks";
import type { DeliveryStatus, InboundMessage } from "../channels/channel";
import type { DueTimer } from "../store/timers";
import type { Writer } from "./commands";
import type { MessageOutcome } from "../ingress/intake";

/**
 * The ways in, as callers see them: each validates its input (zod errors name the field), then
 * hands it to the engine's writer and resolves once its intake is committed.
 */
export function createDoors(writer: Writer, staffMember: (id: string) => Promise<unknown>) {
  return {
    /** A customer message already parsed by its channel. */
    message: (message: InboundMessage): Promise<MessageOutcome> => writer.run("message", message),

    /** A customer's own e-mail or phone (validated: 400 naming the field), recorded once committed. */
    contact: async (channel: Channel, address: string, claim: unknown) => writer.run("contact", { channel, address, claim: contactClaimSchema.parse(claim) }),

    /** A provider's delivery status for a message it was given. */
    deliveryStatus: async (status: DeliveryStatus): Promise<void> => void (await writer.run("deliveryStatus", status)),

    /**
     * A due timer fires in its own step; one whose step fails is logged and set aside. A store that
     * could not take the step is no fault of the timer: it stays pending and the poller tries again.
     */
    timerDue: (timer: DueTimer) =>
      writer.run("timerDue", timer).catch((error) => {
        if (isStoreUnavailableError(error)) throw error;
        console.error(`timer ${timer.id} failed`, error);
        return writer.run("timerFailed", timer);
      }),

    /** A CRM event (`POST /api/events`) from `sender` (the API key id): validated against its typed payload. */
    crmEvent: async (body: unknown, sender: string) => writer.run("crmEvent", { body: crmEventBodySchema.parse(body), sender }),

    /** A call to a flow's webhook from `sender` (the API key id): validated against the listening triggers' declared fields. */
    async webhook(hook: string, body: unknown, sender: string, idempotencyKey: string | null = null) {
      return writer.run("webhook", {
        hook: hookNameSchema.parse(hook),
        sender,
        idempotencyKey: idempotencySchema.parse({ idempotencyKey }).idempotencyKey,
        body: webhookBodySchema.parse(body),
      });
    },

    /** An operator starts a published flow (with a "Started by an operator" trigger) for a customer. */
    async operatorStart(flowId: string, customerId: string, operatorId: string, note = "") {
      await staffMember(operatorId); // who started it goes on record, so it must be someone
      return { instanceId: await writer.run("operatorStart", { flowId, customerId, operatorId, note }) };
    },

    /**
     * An identifier a customer gave (the widget's "leave your e-mail or phone"): filed under them when
     * nobody holds it, else a merge suggestion; resolves with what became of it once committed.
     */
    identify: async (customerId: string, given: unknown) =>
      writer.run("identify", { customerId: customerIdSchema.parse(customerId), identity: givenIdentitySchema.parse(given) }),

    /** Starts flows whose schedule fell due (the background job calls this every 15 s). */
    schedulesDue: () => writer.run("schedulesDue", null),
  };
}

export type Doors = ReturnType<typeof createDoors>;
