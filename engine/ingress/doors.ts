import { contactClaimSchema } from "../contracts/contact";
import { crmEventBodySchema } from "../contracts/crm-events";
import type { Channel } from "../contracts/events";
import { isStoreUnavailableError } from "../contracts/errors";
import { customerIdSchema } from "../contracts/privacy";
import { givenIdentitySchema } from "../contracts/identity";
import { hookNameSchema, idempotencySchema, webhookBodySchema } from "../contracts/webhooks";
import type { DeliveryStatus, InboundMessage } from "../channels/channel";
import type { DueTimer } from "../store/timers";
import type { GroupCommit } from "../runtime/group-commit";
import type { Intake, MessageOutcome } from "./intake";

/** A schedule missed by more than this (downtime) is skipped rather than started late. */
const SCHEDULE_GRACE_MS = 15 * 60_000;

/**
 * The ways in, as callers see them: each validates its input (zod errors name the field), then
 * joins the group commit and resolves once its intake is committed.
 */
export function createDoors(intake: Intake, commits: GroupCommit, clock: () => number, staffMember: (id: string) => Promise<unknown>) {
  return {
    /** A customer message already parsed by its channel. */
    message: (message: InboundMessage): Promise<MessageOutcome> => commits.submit(() => intake.message(message, clock())),

    /** A customer's own e-mail or phone (validated: 400 naming the field), recorded once committed. */
    contact: async (channel: Channel, address: string, claim: unknown) => {
      const valid = contactClaimSchema.parse(claim);
      return commits.submit(() => intake.contactClaimed(channel, address, valid, clock()));
    },

    /** A provider's delivery status for a message it was given. */
    deliveryStatus: async (status: DeliveryStatus): Promise<void> => void (await commits.submit(() => intake.deliveryStatus(status, clock()))),

    /**
     * A due timer fires in its own step; one whose step fails is logged and set aside. A store that
     * could not take the step is no fault of the timer: it stays pending and the poller tries again.
     */
    timerDue: (timer: DueTimer) =>
      commits
        .submit(() => intake.timerDue(timer, clock()))
        .catch((error) => {
          if (isStoreUnavailableError(error)) throw error;
          console.error(`timer ${timer.id} failed`, error);
          return commits.submit(() => intake.timerFailed(timer));
        }),

    /** A CRM event (`POST /api/events`) from `sender` (the API key id): validated against its typed payload. */
    async crmEvent(body: unknown, sender: string) {
      const event = crmEventBodySchema.parse(body);
      return commits.submit(() => intake.crmEvent(event, sender, clock()));
    },

    /** A call to a flow's webhook from `sender` (the API key id): validated against the listening triggers' declared fields. */
    async webhook(hook: string, body: unknown, sender: string, idempotencyKey: string | null = null) {
      const call = {
        hook: hookNameSchema.parse(hook),
        sender,
        idempotencyKey: idempotencySchema.parse({ idempotencyKey }).idempotencyKey,
        body: webhookBodySchema.parse(body),
      };
      return commits.submit(() => intake.webhook(call, clock()));
    },

    /** An operator starts a published flow (with a "Started by an operator" trigger) for a customer. */
    async operatorStart(flowId: string, customerId: string, operatorId: string, note = "") {
      await staffMember(operatorId); // who started it goes on record, so it must be someone
      return { instanceId: await commits.submit(() => intake.operatorStart({ flowId, customerId, operatorId, note }, clock())) };
    },

    /**
     * An identifier a customer gave (the widget's "leave your e-mail or phone"): filed under them when
     * nobody holds it, else a merge suggestion; resolves with what became of it once committed.
     */
    async identify(customerId: string, given: unknown) {
      const id = customerIdSchema.parse(customerId);
      const identity = givenIdentitySchema.parse(given);
      return commits.submit(() => intake.identify(id, identity, "widget", clock()));
    },

    /** Starts flows whose schedule fell due (the background job calls this every 15 s). */
    schedulesDue: () => commits.submit(() => intake.schedulesDue(clock(), SCHEDULE_GRACE_MS)),
  };
}

export type Doors = ReturnType<typeof createDoors>;
