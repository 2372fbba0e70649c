/**
 * Channel requests, HTTP-free: a provider's raw request → the channel's adapter (verify, then
 * parse) → intake, and the reply the provider gets. The server turns replies into responses.
 */
import { EngineInputError, inputError } from "../contracts/errors";
import type { Channel } from "../contracts/events";
import {
  isChannelRequestError,
  type ChannelAdapter,
  type ChannelAnswer,
  type ConversationState,
  type DeliveryStatus,
  type InboundMessage,
  type ParsedRequest,
  type RawRequest,
} from "../channels/channel";

/** What intake made of one customer message (committed before it resolves). */
export type MessageIntakeOutcome = { duplicate: boolean; customerId: string | null; conversationId: string | null; instanceId: string | null };

/** Where parsed requests go: implemented by the engine's intake. */
export type ChannelIntake = {
  /** Ingests a customer message (dedup by provider id, identity, conversation, flow); resolves once committed. */
  message(message: InboundMessage): Promise<MessageIntakeOutcome>;
  /** Applies a provider's delivery status to the message it names; resolves once committed. */
  status(status: DeliveryStatus): Promise<void>;
  /** Where the address's latest conversation on the channel stands (committed state). */
  conversationState(channel: Channel, address: string): ConversationState;
  /** Starts performing what the outbox holds now (a live reply waits for its sends). */
  dispatch(): void;
};

/**
 * The answer to a channel request: JSON (acknowledgements, refusals: `{error, message}`) or the
 * provider's own handshake answer, passed through as the adapter wrote it.
 */
export type ChannelReply = { kind: "json"; status: number; body: Record<string, unknown> } | { kind: "answer"; answer: ChannelAnswer };

/** A request for a channel the engine has no adapter for (a reserved name counts as unknown). */
export class UnknownChannelError extends EngineInputError<"unknown_channel"> {
  constructor(readonly channel: string) {
    super("unknown_channel", { channel }, "channel");
  }
}

export function createChannelRequests({ adapters, intake }: { adapters: ReadonlyMap<Channel, ChannelAdapter>; intake: ChannelIntake }) {
  const adapterFor = (channel: string) => adapters.get(channel as Channel) ?? unknownChannel(channel);

  return {
    /**
     * A provider's request for `channel`. Throws `UnknownChannelError`, and zod errors naming the
     * field for a bad payload; every other outcome is the reply. Messages are taken in order, then
     * statuses; a failure part-way leaves the earlier ones committed, and the provider's retry
     * finds them duplicates.
     */
    async receive(channel: string, request: RawRequest): Promise<ChannelReply> {
      const adapter = adapterFor(channel);
      const verdict = await adapter.verify(request);
      if (!verdict.ok) return refusal(401, verdict.code ?? "invalid_signature", verdict.reason);
      let parsed: ParsedRequest;
      try {
        parsed = await adapter.parse(request);
      } catch (error) {
        if (isChannelRequestError(error)) return refusal(error.status, error.code, error.message);
        throw error;
      }
      if (parsed.kind === "handshake") return { kind: "answer", answer: parsed.answer };
      const outcomes: MessageIntakeOutcome[] = [];
      for (const message of parsed.messages) outcomes.push(await intake.message(message));
      for (const status of parsed.statuses) await intake.status(status);
      if (parsed.live) {
        intake.dispatch();
        return { kind: "answer", answer: await parsed.live.answer(intake.conversationState(adapter.channel, parsed.live.address)) };
      }
      return parsed.ack ? { kind: "answer", answer: parsed.ack } : acknowledgement(outcomes, parsed.statuses.length);
    },

    /**
     * In-process callers (the web chat panel, tests, scripts): the payload the provider would have
     * posted as JSON, parsed by the channel without the signature check. It must hold one message.
     */
    async parsePayload(channel: string, payload: unknown): Promise<InboundMessage> {
      const parsed = await adapterFor(channel).parse(payloadRequest(channel, payload));
      if (parsed.kind !== "events" || parsed.messages.length !== 1) throw inputError("channel.payload-not-one", { channel }, "payload");
      return parsed.messages[0];
    },
  };
}

export type ChannelRequests = ReturnType<typeof createChannelRequests>;

function unknownChannel(channel: string): never {
  throw new UnknownChannelError(channel);
}

const refusal = (status: number, error: string, message: string): ChannelReply => ({ kind: "json", status, body: { error, message } });

/**
 * One message: 202 `accepted` with what intake made of it, or 200 `duplicate` for a redelivery
 * (nothing more: the first delivery's outcome is not told again).
 * Several, or only statuses: 202 when anything was new, with each message's outcome.
 */
function acknowledgement(outcomes: MessageIntakeOutcome[], statuses: number): ChannelReply {
  if (outcomes.length === 1) {
    const [outcome] = outcomes;
    return outcome.duplicate
      ? { kind: "json", status: 200, body: { status: "duplicate" } }
      : { kind: "json", status: 202, body: { status: "accepted", ...outcome } };
  }
  const duplicate = outcomes.length > 0 && outcomes.every((o) => o.duplicate);
  return { kind: "json", status: duplicate ? 200 : 202, body: { status: duplicate ? "duplicate" : "accepted", duplicate, messages: outcomes, statuses } };
}

function payloadRequest(channel: string, payload: unknown): RawRequest {
  return {
    method: "POST",
    url: `http://engine.internal/api/channels/${channel}/inbound`,
    headers: { "content-type": "application/json" },
    body: Buffer.from(JSON.stringify(payload) ?? "null", "utf8"),
  };
}
