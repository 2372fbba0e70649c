import type { ChannelAdapter, OutboundMessage, RawRequest, Verification } from "../channels/channel";
import { createAdapter as webchatAdapter } from "../channels/webchat/adapter";
import type { Channel } from "../contracts/events";
import { channelDeps } from "./channel-deps";

export type RecordingChannel = ChannelAdapter & {
  /** Every message the engine handed to `send`, in order (repeats included). */
  readonly sent: OutboundMessage[];
  /** Texts of `sent`, for short assertions. */
  texts(): string[];
  /** Makes the next `n` sends throw, as a provider outage would. */
  failNext(n?: number): void;
};

/**
 * A channel adapter that records what the engine sends instead of delivering it. It reads the
 * web chat's requests, so registering it (option `channels`) under "webchat" replaces the built-in one.
 * `verify` accepts everything unless the test passes its own.
 */
export function recordingChannel(
  options: { channel?: Channel; onSend?: (message: OutboundMessage) => void; verify?: (request: RawRequest) => Verification } = {},
): RecordingChannel {
  const channel = options.channel ?? "webchat";
  // Only its parse is used: verify is the test's.
  const webchat = webchatAdapter(undefined, channelDeps());
  const sent: OutboundMessage[] = [];
  let failures = 0;
  return {
    channel,
    verify: options.verify ?? (() => ({ ok: true })),
    async parse(request) {
      const parsed = await webchat.parse(request);
      return parsed.kind === "events" ? { ...parsed, messages: parsed.messages.map((m) => ({ ...m, channel })) } : parsed;
    },
    async send(message) {
      if (failures > 0) {
        failures -= 1;
        throw new Error("provider unavailable");
      }
      sent.push(message);
      options.onSend?.(message);
      return { providerMessageId: `recorded-${sent.length}` };
    },
    sent,
    texts: () => sent.map((m) => m.text),
    failNext(n = 1) {
      failures = n;
    },
  };
}
