/**
 * What a call hears next: the TwiML of one turn, from the messages the flow sent and where the
 * conversation stands. Pure, so every rule is a table row in turn.test.ts.
 */
import type { ConversationState } from "../channel";
import type { Collected } from "./live-calls";
import { enqueue, gather, hangup, leave, pause, redirect, say, type Speech } from "./twiml";
import { type CallQuery, callUrl, digitOf, MAX_OPTIONS } from "./voice";

/** How calls are answered (from the channel's settings). */
export type TurnSettings = {
  speech: Speech;
  /** Queues a caller waits in on the line (`<Enqueue>`); a task in another queue (a callback) ends the call. */
  holdQueues: readonly string[];
  /** How an option is offered: `{digit}` and `{option}` are filled in ("Press 1 for Billing."). */
  pressPrompt: string;
  /** Seconds of silence after which a Gather gives up (then the call asks for the flow's next words). */
  gatherSeconds: number;
};

/** One webhook's turn: the URL Twilio called (ours are built on it), its query, what was collected, and the conversation's state. */
export type Turn = { url: string; query: CallQuery; collected: Collected; state: ConversationState };

/** Quick replies as keys to press, in the words of `pressPrompt` ("Press 1 for Billing."). */
export const offerPrompts = (buttons: readonly string[], pressPrompt: string) =>
  buttons.slice(0, MAX_OPTIONS).map((option, i) => pressPrompt.replace("{digit}", digitOf(i)).replace("{option}", option));

/** How long a caller on hold hears silence before Twilio asks the wait URL again. */
const HOLD_SECONDS = 10;

/**
 * The verbs, in order of precedence:
 * - on hold (`wait`): what the flow or operator said, then more hold, or `<Leave/>` once no open task holds them;
 * - nothing arrived yet of what the flow queued: a short pause and a Redirect, so Twilio asks again;
 * - an open task in a hold queue: `<Enqueue>` the caller;
 * - the flow ended, or waits for a task worked later (a callback): say it, then hang up;
 * - otherwise the flow waits for the caller: say it inside a `<Gather>` (options as keys), then a Redirect
 *   that asks for the flow's next words when the caller stays silent.
 */
export function turnVerbs(turn: Turn, settings: TurnSettings): string[] {
  const { said, missing } = turn.collected;
  const { state, query } = turn;
  const last = said.at(-1);
  // Options stay offered until the flow says something new.
  const options = said.length === 0 ? query.option : (last?.buttons ?? []).slice(0, MAX_OPTIONS);
  const prompts = (last?.buttons ?? [])
    .slice(0, MAX_OPTIONS)
    .map((option, i) => settings.pressPrompt.replace("{digit}", digitOf(i)).replace("{option}", option));
  const spoken = [...said.map((m) => m.text), ...prompts].filter((text) => text.trim()).map((text) => say(text, settings.speech));
  const url = (event: CallQuery["event"], turnNumber = query.turn) => callUrl(turn.url, { event, turn: turnNumber, option: options });
  const hold = state.queues.find((queue) => settings.holdQueues.includes(queue));

  if (query.event === "wait") return [...spoken, hold ? pause(HOLD_SECONDS) : leave()];
  if (missing && said.length === 0) return [pause(1), redirect(url("poll"))];
  if (missing) return [...spoken, redirect(url("poll"))];
  if (hold) return [...spoken, enqueue(hold, { action: url("left"), waitUrl: url("wait") })];
  if (!state.running || state.queues.length > 0) return [...spoken, hangup()];
  const listen = { action: url("gather", query.turn + 1), numDigits: options.length ? 1 : undefined, timeout: settings.gatherSeconds };
  return [gather({ ...listen, language: settings.speech.language }, spoken), redirect(url("poll"))];
}
