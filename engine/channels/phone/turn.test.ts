import { describe, expect, it } from "vitest";
import type { ConversationState } from "../channel";
import type { Spoken } from "./live-calls";
import { type Turn, type TurnSettings, turnVerbs } from "./turn";
import { callQuery } from "./voice";

const settings: TurnSettings = { speech: { language: "en-US" }, holdQueues: ["support"], pressPrompt: "Press {digit} for {option}.", gatherSeconds: 5 };
const URL = "https://omniflow.example/api/channels/phone/inbound";
const spoken = (text: string, buttons: string[] = []): Spoken => ({ messageId: text, text, buttons });
const turn = (query: string, said: Spoken[], state: Partial<ConversationState>, missing = false): Turn => ({
  url: `${URL}${query}`,
  query: callQuery(`${URL}${query}`),
  collected: { said, missing },
  state: { queued: [], running: true, queues: [], ...state },
});
/** The verbs' names, in order (nested ones after their parent). */
const verbs = (t: Turn) =>
  turnVerbs(t, settings)
    .join("")
    .match(/<([A-Z][a-z]+)/g);

describe("a call's turn: which TwiML answers", () => {
  it.each([
    ["the flow waits for the caller: its words inside a Gather, then a poll", turn("", [spoken("Hi")], {}), ["<Gather", "<Say", "<Redirect"]],
    ["nothing of what was queued came in time", turn("", [], { queued: ["m1"] }, true), ["<Pause", "<Redirect"]],
    ["part of it came: say that, then poll", turn("", [spoken("Hi")], { queued: ["m1", "m2"] }, true), ["<Say", "<Redirect"]],
    ["an open task in a hold queue", turn("", [spoken("Hold on")], { queues: ["support"] }), ["<Say", "<Enqueue"]],
    ["a task worked later (a callback)", turn("", [spoken("Bye")], { queues: ["callbacks"] }), ["<Say", "<Hangup"]],
    ["the flow ended", turn("", [spoken("Bye")], { running: false }), ["<Say", "<Hangup"]],
    ["no flow took the call", turn("", [], { running: false }), ["<Hangup"]],
    ["on hold while the task is open", turn("?event=wait", [], { queues: ["support"] }), ["<Pause"]],
    ["on hold, the task done", turn("?event=wait", [spoken("Thanks")], { queues: [] }), ["<Say", "<Leave"]],
  ])("%s", (_name, t, expected) => {
    expect(verbs(t)).toEqual(expected);
  });

  it("keeps offering the options when a silent poll listens again, and drops them when the flow says something new", () => {
    const poll = turnVerbs(turn("?event=poll&turn=3&option=Yes&option=No", [], {}), settings).join("");
    expect(poll).toContain("event=gather&amp;turn=4&amp;option=Yes&amp;option=No");
    expect(poll).toContain('numDigits="1"');
    const next = turnVerbs(turn("?event=poll&turn=3&option=Yes&option=No", [spoken("Your name?")], {}), settings).join("");
    expect(next).toContain("event=gather&amp;turn=4");
    expect(next).not.toContain("option=");
  });
});
