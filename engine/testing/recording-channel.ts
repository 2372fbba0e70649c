import type { ChannelAdapter, OutboundMessage } from "../channels/channel";
import { webchatAdapter, type WebchatInbound } from "../channels/webchat/adapter";
import type { Channel } from "../contracts/events";

export type RecordingChannel = ChannelAdapter<WebchatInbound> & {
  /** Every message the engine handed to `send`, in order (repeats included). */
  readonly sent: OutboundMessage[];
  /** Texts of `sent`, for short assertions. */
  texts(): string[];
  /** Makes the next `n` sends throw, as a provider outage would. */
  failNext(n?: number): void;
};

/**
 * A channel adapter that records what the engine sends instead of delivering it. It reads the
 * web chat's payloads, so registering it (option `channels`) under "webchat" replaces the built-in one.
 */
export function recordingChannel(options: { channel?: Channel; onSend?: (message: OutboundMessage) => void } = {}): RecordingChannel {
  const channel = options.channel ?? "webchat";
  const webchat = webchatAdapter();
  const sent: OutboundMessage[] = [];
  let failures = 0;
  return {
    channel,
    inboundSchema: webchat.inboundSchema,
    normalize: (payload) => ({ ...webchat.normalize(payload), channel }),
    async send(message) {
      if (failures > 0) {
        failures -= 1;
        throw new Error("provider unavailable");
      }
      sent.push(message);
      options.onSend?.(message);
    },
    sent,
    texts: () => sent.map((m) => m.text),
    failNext(n = 1) {
      failures = n;
    },
  };
}
