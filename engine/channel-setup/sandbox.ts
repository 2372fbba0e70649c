/**
 * The sandbox: the customer's side of every sandboxed channel. A person (a newcomer trying the
 * demo, a process owner testing a flow) writes as a customer; the channel's fake provider turns
 * it into the webhook the provider would send, signed as it signs, and it enters through the same
 * verify → parse → intake path as a real one. What the flow sends back is what the fake took; the
 * fake then reports it delivered, as the provider would.
 */
import type { ChannelAnswer, RawRequest } from "../channels/channel";
import type { FakeCustomer, FakeDelivery } from "../channels/provider-fake";
import { inputError } from "../contracts/errors";
import type { Channel } from "../contracts/events";
import type { ChannelSetup } from "./setup";

/** One line of a sandbox conversation, as the customer's device shows it. */
export type SandboxLine = { from: "customer" | "flow"; text: string; buttons: string[]; at: number };

/** The URL sandboxed webhooks are signed for (providers sign the URL they call). */
export const SANDBOX_ORIGIN = "http://sandbox.omniflow.invalid";

/** A provider reports delivery a moment after it took the message. */
const DELIVERY_REPORT_MS = 300;

export function createSandbox({
  setup,
  receive,
  clock,
}: {
  setup: ChannelSetup;
  /** The engine's channel request path (verify → parse → intake). */
  receive: (channel: Channel, request: RawRequest) => Promise<unknown>;
  clock: () => number;
}) {
  const written = new Map<Channel, (SandboxLine & { address: string })[]>();
  const webhookUrl = (channel: Channel) => `${SANDBOX_ORIGIN}/api/channels/${channel}/inbound`;

  function sandboxed(channel: Channel) {
    if (setup.modeOf(channel) !== "sandbox") throw inputError("channel.not-sandboxed", { channel }, "channel");
  }

  /** Delivery reports not yet sent: an engine closing cancels them, as its store is gone. */
  const reports = new Set<NodeJS.Timeout>();
  setup.onSandboxDelivery((channel, fake, taken: FakeDelivery[]) => {
    if (!fake.statusReport) return;
    const report = fake.statusReport.bind(fake);
    for (const delivery of taken) {
      const timer = setTimeout(() => {
        reports.delete(timer);
        receive(channel, report(delivery.providerMessageId, "delivered", webhookUrl(channel))).catch((error) =>
          console.error(`sandbox: the ${channel} delivery report was refused`, error),
        );
      }, DELIVERY_REPORT_MS).unref();
      reports.add(timer);
    }
  });

  return {
    /** The customer `customer` writes `text` on `channel`; resolves with the engine's answer to the provider. */
    async write(channel: Channel, customer: FakeCustomer, text: string) {
      sandboxed(channel);
      const fake = await setup.fake(channel);
      const lines = written.get(channel) ?? [];
      lines.push({ address: customer.address, from: "customer", text, buttons: [], at: clock() });
      written.set(channel, lines.slice(-500));
      let request: RawRequest | null = fake.customerWrites(customer, text, webhookUrl(channel));
      let reply: unknown;
      // A caller dials first and says what they wrote once the call listens: two webhooks for one line.
      for (let turn = 0; request && turn < 2; turn++) {
        reply = await receive(channel, request);
        // A provider that reads the answer (a call's TwiML) shows the customer what it said.
        if (fake.answered && isAnswer(reply)) fake.answered(request, reply.answer);
        request = fake.nextRequest?.() ?? null;
      }
      return reply;
    },

    /** Cancels the delivery reports not yet sent (the engine is closing). */
    close(): void {
      for (const timer of reports) clearTimeout(timer);
      reports.clear();
    },

    /** The conversation with `address` on `channel`, oldest first: what the customer wrote and what reached them. */
    async thread(channel: Channel, address: string): Promise<SandboxLine[]> {
      sandboxed(channel);
      const fake = await setup.fake(channel);
      const mine = (written.get(channel) ?? []).filter((line) => line.address === address).map(({ address: _, ...line }) => line);
      const theirs = fake
        .deliveries()
        .filter((delivery) => delivery.address === address)
        .map((delivery) => ({ from: "flow" as const, text: delivery.text, buttons: delivery.buttons, at: delivery.at }));
      return [...mine, ...theirs].sort((a, b) => a.at - b.at);
    },
  };
}

export type Sandbox = ReturnType<typeof createSandbox>;

const isAnswer = (reply: unknown): reply is { kind: "answer"; answer: ChannelAnswer } =>
  typeof reply === "object" && reply !== null && (reply as { kind?: unknown }).kind === "answer";
