import type { ChannelAdapter } from "../channels/channel";
import { type ErrorWords, errorWords, inputError } from "../contracts/errors";
import type { Channel } from "../contracts/events";
import { newId } from "../store/ids";

/**
 * "Send a test message" on the Channels page: one message straight through the channel's adapter,
 * now, to prove the settings work. It belongs to no conversation; the provider's answer (its id, or
 * its refusal, worded by the adapter) is the result: a refusal keeps its code and params, so the page
 * words it in the person's language around the provider's own words.
 */
export function createChannelTests(adapters: ReadonlyMap<Channel, ChannelAdapter>) {
  return {
    async testSend(input: {
      channel: Channel;
      address: string;
      text: string;
    }): Promise<{ ok: true; providerMessageId: string | null } | { ok: false; error: ErrorWords }> {
      const adapter = adapters.get(input.channel);
      if (!adapter) throw inputError("channel.off", { channel: input.channel }, "channel");
      const id = newId();
      try {
        const receipt = await adapter.send({
          key: `test:${id}`,
          messageId: id,
          conversationId: "",
          channel: input.channel,
          address: input.address,
          text: input.text,
        });
        return { ok: true, providerMessageId: receipt.providerMessageId };
      } catch (error) {
        return { ok: false, error: errorWords(error) };
      }
    },
  };
}
