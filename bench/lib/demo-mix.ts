import type { InboundMessage } from "../../engine/index";

/**
 * The chat traffic (a) and (b) send through the demo flow "Support chat", in cycles of four:
 * two new visitors ask about hours and price (greeting + answer, instance completes), a third
 * writes something unmatched (greeting + handover message + operator task, instance waits),
 * and that third visitor then follows up while the task is open (snapshot rewritten, no effects).
 */
export const CYCLE = 4;

export function mixMessage(prefix: string, cycle: number, slot: number): InboundMessage {
  const visitor = (who: string) => `${prefix}-${cycle}-${who}`;
  const base = { channel: "webchat" as const, providerMessageId: `${prefix}-${cycle}-m${slot}` };
  switch (slot) {
    case 0:
      return { ...base, address: visitor("a"), name: "Ada", text: "What are your opening hours?" };
    case 1:
      return { ...base, address: visitor("b"), name: "Bo", text: "How much is the price for two operators?" };
    case 2:
      return { ...base, address: visitor("c"), name: "Cy", text: "My parcel never arrived and nobody answers" };
    default:
      return { ...base, address: visitor("c"), name: "Cy", text: "Hello? Is anyone there?" };
  }
}
