import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationState, OutboundMessage, ParsedRequest, RawRequest } from "../channel";
import type { OutboundRequest } from "../../contracts/outbound";
import { itVerifiesTwilioPublishedExample } from "../../testing/twilio-vector";
import { channelDeps, parsedNow, parseRefusal } from "../../testing/channel-deps";
import { serveFake, type ServedFake } from "../../testing/serve-fake";
import { CALL_STARTED, createAdapter, sandboxSettings, secretSettings, settingsSchema } from "./adapter";
import { createFake, type PhoneFake, readTwiml } from "./fake";
import { signedWebhook } from "../_twilio/wire";
import { badSamples, CALLER, callParams, callSid, ourUrl, SAMPLE_URL, sampleSettings, samples, unverifiedSamples } from "./samples";

const events = (result: ParsedRequest | Promise<ParsedRequest>) => {
  const parsed = parsedNow(result);
  return parsed.kind === "events" ? parsed : expect.fail("expected events");
};
const state = (over: Partial<ConversationState> = {}): ConversationState => ({ queued: [], running: true, queues: [], ...over });
const message = (messageId: string, text: string, buttons?: string[], address = CALLER): OutboundMessage => ({
  key: `i:${messageId}`,
  messageId,
  conversationId: "c-1",
  channel: "phone",
  address,
  text,
  ...(buttons && { buttons }),
});

describe("phone adapter: webhooks", () => {
  const adapter = createAdapter(sampleSettings, channelDeps());

  it("accepts every request Twilio signed for the public URL and our TwiML's URLs", async () => {
    for (const [name, request] of Object.entries(samples)) expect(await adapter.verify(request), name).toEqual({ ok: true });
  });

  itVerifiesTwilioPublishedExample((authToken, webhookUrl) => createAdapter({ ...sampleSettings, authToken, webhookUrl }, channelDeps()));

  it.each(Object.entries(unverifiedSamples))("refuses a request Twilio did not send: %s", async (_name, { request, code }) => {
    expect(await adapter.verify(request)).toMatchObject({ ok: false, code, reason: expect.any(String) });
  });

  it("a call coming in is the caller's first message: CallSid and turn 0 as its id, answered live", () => {
    const parsed = events(adapter.parse(samples.call));
    expect(parsed.messages).toEqual([{ channel: "phone", providerMessageId: `${callSid("1")}:0`, address: CALLER, name: null, text: CALL_STARTED }]);
    expect(parsed.live?.address).toBe(CALLER);
    // Twilio repeating the request parses to the same id, so intake records it once.
    expect(events(adapter.parse(samples.duplicateCall)).messages[0].providerMessageId).toBe(`${callSid("1")}:0`);
    expect(events(adapter.parse(samples.namedCaller)).messages[0].name).toBe("Ann Lee");
  });

  it("reads a Gather: a key pressed is the option's text, speech the words, other keys as typed; the turn is in the id", () => {
    const said = (request: RawRequest) => events(adapter.parse(request)).messages[0];
    expect(said(samples.pressed2)).toMatchObject({ providerMessageId: `${callSid("1")}:1`, text: "Call me back" });
    expect(said(samples.pressed9)).toMatchObject({ text: "9" });
    expect(said(samples.spoke)).toMatchObject({ text: "billing please" });
    expect(said(samples.typed)).toMatchObject({ providerMessageId: `${callSid("1")}:2`, text: "15" });
    // A call we placed: the customer is the callee.
    expect(said(samples.outboundPressed)).toMatchObject({ address: CALLER, text: "Yes" });
  });

  it("polls, hold music and leaving the queue carry no words, only the live answer", () => {
    for (const request of [samples.poll, samples.wait, samples.left]) {
      const parsed = events(adapter.parse(request));
      expect(parsed.messages).toEqual([]);
      expect(parsed.live?.address).toBe(CALLER);
    }
  });

  it("maps call statuses: ringing sent, answered and completed delivered, busy / no-answer / failed failed; initiated says nothing", () => {
    const status = (request: RawRequest) => events(adapter.parse(request)).statuses;
    const base = { channel: "phone", providerMessageId: callSid("a"), at: null };
    expect(status(samples.ringing)).toEqual([{ ...base, status: "sent", error: null }]);
    expect(status(samples.answered)).toEqual([{ ...base, status: "delivered", error: null }]);
    expect(status(samples.completed)).toEqual([{ ...base, status: "delivered", error: null }]);
    expect(status(samples.busy)).toEqual([{ ...base, status: "failed", error: "busy" }]);
    expect(status(samples.noAnswer)).toEqual([{ ...base, status: "failed", error: "no-answer" }]);
    expect(status(samples.failed)).toEqual([{ ...base, status: "failed", error: "failed (Twilio error 32009)" }]);
    expect(status(samples.initiated)).toEqual([]);
    // Out of order (completed, then a late ringing) each parses as it is: the store keeps statuses forward-only.
    expect(status(samples.completed)[0].status).toBe("delivered");
    expect(status(samples.ringing)[0].status).toBe("sent");
  });

  it("answers the last request of an ended call with a hang-up", () => {
    expect(adapter.parse(samples.hungUp)).toMatchObject({ kind: "events", messages: [], ack: { body: expect.stringContaining("<Hangup/>") } });
  });

  it.each(Object.entries(badSamples).filter(([, s]) => "fields" in s))("refuses %s, naming the fields", async (_name, sample) => {
    expect(await adapter.verify(sample.request)).toEqual({ ok: true }); // signed by Twilio, yet malformed
    const error = parseRefusal(adapter, sample.request);
    expect(error?.name).toBe("ZodError");
    expect(error!.issues.map((i) => i.path.join("."))).toEqual((sample as { fields: string[] }).fields);
  });

  it.each(Object.entries(badSamples).filter(([, s]) => "code" in s))("refuses %s before reading the payload", (_name, sample) => {
    const { code, status } = sample as { code: string; status: number };
    expect(() => adapter.parse(sample.request)).toThrow(expect.objectContaining({ name: "ChannelRequestError", code, status }));
  });
});

describe("phone adapter: the live answer (TwiML)", () => {
  const live = (over: Record<string, unknown> = {}) => createAdapter({ ...sampleSettings, replyWithinMs: 300, ...over }, channelDeps());
  const answerTo = async (adapter: ReturnType<typeof live>, request: RawRequest, now: ConversationState, sends: OutboundMessage[] = []) => {
    const parsed = events(adapter.parse(request));
    const answer = parsed.live!.answer(now);
    // The outbox performs the step's sends after the answer started waiting, as after a commit.
    const receipts = await Promise.all(sends.map((m) => adapter.send(m)));
    return { answer: await answer, receipts };
  };

  it("says the flow's words and offers its quick replies as keys; the Gather's URL carries the options and the next turn", async () => {
    const adapter = live();
    const { answer, receipts } = await answerTo(adapter, samples.call, state({ queued: ["m1", "m2"] }), [
      message("m1", "Welcome to ACME."),
      message("m2", "How can we help?", ["Billing", "Call me back"]),
    ]);
    expect(receipts).toEqual([{ providerMessageId: callSid("1") }, { providerMessageId: callSid("1") }]);
    expect(answer.contentType).toBe("text/xml; charset=utf-8");
    const heard = readTwiml(answer.body);
    expect(heard).toMatchObject({
      said: ["Welcome to ACME.", "How can we help?", "Press 1 for Billing.", "Press 2 for Call me back."],
      gather: ourUrl({ event: "gather", turn: 1, option: ["Billing", "Call me back"] }),
      options: ["Billing", "Call me back"],
      redirect: ourUrl({ event: "poll", option: ["Billing", "Call me back"] }),
    });
    expect(answer.body).toContain('<Gather input="dtmf speech" action=');
    expect(answer.body).toContain('numDigits="1"');
    // Twilio repeating the call's request gets the same answer, though its words are no longer queued.
    expect((await answerTo(adapter, samples.duplicateCall, state())).answer).toEqual(answer);
  });

  it("speaks in the order the step queued, whatever order the sends reached it", async () => {
    const { answer } = await answerTo(live(), samples.call, state({ queued: ["m1", "m2"] }), [message("m2", "second"), message("m1", "first")]);
    expect(readTwiml(answer.body).said).toEqual(["first", "second"]);
  });

  it("escapes every text: a customer's or flow's <, & and quotes cannot inject TwiML", async () => {
    const hostile = `Ann's "deal" </Say><Dial>+19005550100</Dial><Say> & <Hangup/>`;
    const { answer } = await answerTo(live(), samples.call, state({ queued: ["m1"] }), [message("m1", hostile, ["<b>Yes</b> & more"])]);
    expect(answer.body).not.toContain("<Dial>");
    expect(answer.body).toContain("&lt;/Say&gt;&lt;Dial&gt;");
    const heard = readTwiml(answer.body); // well-formed: Twilio would parse it
    expect(heard.said).toEqual([hostile, "Press 1 for <b>Yes</b> & more."]);
    expect(heard.options).toEqual(["<b>Yes</b> & more"]);
    expect(heard.hungUp).toBe(false);
    // Characters XML cannot hold at all are dropped rather than breaking the document.
    const { answer: control } = await answerTo(live(), samples.call, state({ queued: ["m1"] }), [message("m1", "a\u0000b\u0007c\uD800d")]);
    expect(readTwiml(control.body).said).toEqual(["abcd"]);
  });

  it("when the flow's words have not come in time: a short pause and a Redirect, so Twilio asks again", async () => {
    const { answer } = await answerTo(live({ replyWithinMs: 100 }), samples.pressed2, state({ queued: ["late"] }));
    expect(answer.body).toContain('<Pause length="1"/>');
    expect(readTwiml(answer.body)).toMatchObject({ said: [], gather: null, redirect: ourUrl({ event: "poll", turn: 1, option: ["Billing", "Call me back"] }) });
  });

  it("hands a caller with an open task in a hold queue to <Enqueue>; on hold says what comes and leaves once the task is done", async () => {
    const adapter = live();
    const { answer } = await answerTo(adapter, samples.call, state({ queued: ["m1"], queues: ["support"] }), [message("m1", "Please hold.")]);
    expect(readTwiml(answer.body)).toMatchObject({ said: ["Please hold."], enqueued: { queue: "support", waitUrl: ourUrl({ event: "wait" }) } });
    const held = await answerTo(adapter, samples.wait, state({ queues: ["support"] }));
    expect(held.answer.body).toContain('<Pause length="10"/>');
    const released = await answerTo(adapter, samples.wait, state({ queues: [] }));
    expect(readTwiml(released.answer.body)).toMatchObject({ left: true });
  });

  it("ends the call after the words when the flow ended or waits for a task worked later (a callback)", async () => {
    for (const now of [state({ queued: ["m1"], running: false }), state({ queued: ["m1"], queues: ["callbacks"] })]) {
      const { answer } = await answerTo(live(), samples.call, now, [message("m1", "Goodbye.")]);
      expect(readTwiml(answer.body)).toMatchObject({ said: ["Goodbye."], hungUp: true, gather: null });
    }
  });

  it("a free question listens for keys ended by # or speech; a silent poll listens again with the options still offered", async () => {
    const adapter = live();
    const { answer } = await answerTo(adapter, samples.pressed2, state({ queued: ["m1"] }), [message("m1", "At what hour? Then press hash.")]);
    expect(answer.body).toContain('finishOnKey="#"');
    expect(readTwiml(answer.body).gather).toBe(ourUrl({ event: "gather", turn: 2 }));
    const poll = await answerTo(adapter, samples.poll, state());
    expect(readTwiml(poll.answer.body)).toMatchObject({ said: [], gather: ourUrl({ event: "gather", turn: 3 }) });
  });

  it("speaks in the configured language and voice", async () => {
    const { answer } = await answerTo(
      live({ language: "ru-RU", voice: "Polly.Tatyana", pressPrompt: "Нажмите {digit}: {option}." }),
      samples.call,
      state({ queued: ["m1"] }),
      [message("m1", "Здравствуйте!", ["Оператор"])],
    );
    expect(answer.body).toContain('<Say voice="Polly.Tatyana" language="ru-RU">Здравствуйте!</Say>');
    expect(readTwiml(answer.body).said).toContain("Нажмите 1: Оператор.");
  });
});

describe("phone adapter: settings", () => {
  it("names the field that is wrong, seals the auth token, and defaults to Twilio's API", () => {
    const bad = settingsSchema.safeParse({ ...sandboxSettings(), accountSid: "AC123", from: "0800 123", holdQueues: ["Support Team"], extra: 1 });
    expect(bad.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["", "accountSid", "from", "holdQueues.0"].sort());
    expect(secretSettings).toEqual(["authToken"]);
    expect(settingsSchema.parse(sandboxSettings())).toMatchObject({ baseUrl: "https://api.twilio.com", holdQueues: ["support"], language: "en-US" });
  });
});

describe("phone adapter: placing calls through the fake Twilio over HTTP", () => {
  let fake: PhoneFake;
  let served: ServedFake;
  const calls: OutboundRequest[] = [];
  const make = (overrides: Record<string, unknown> = {}) =>
    createAdapter(
      { ...sampleSettings, baseUrl: served.baseUrl, ...overrides },
      channelDeps({
        http: (request) => {
          calls.push(request);
          return served.http(request);
        },
      }),
    );

  beforeAll(async () => {
    fake = createFake(sampleSettings);
    served = await serveFake(fake);
  });
  afterAll(() => served.close());

  it("places a call that says the message and goes on in the flow: Twiml inline, status callbacks to our URL", async () => {
    const phone = make();
    expect(phone.quickReplies).toBe(true);
    const receipt = await phone.send(message("m1", "Your parcel arrives tomorrow. Is 9 to 12 fine?", ["Yes", "No"], "+14155550123"));
    expect(receipt.providerMessageId).toMatch(/^CA[0-9a-f]{32}$/);
    expect(fake.deliveries()).toMatchObject([
      {
        providerMessageId: receipt.providerMessageId,
        address: "+14155550123",
        text: "Your parcel arrives tomorrow. Is 9 to 12 fine? Press 1 for Yes. Press 2 for No.",
        buttons: ["Yes", "No"],
      },
    ]);
    const call = calls.at(-1)!;
    expect(call.url).toBe(`${served.baseUrl}/2010-04-01/Accounts/${sampleSettings.accountSid}/Calls.json`);
    const form = new URLSearchParams(call.body ?? "");
    expect(form.get("From")).toBe("+15005550006");
    expect(form.get("StatusCallback")).toBe(ourUrl({ event: "status", message: "m1" }));
    expect(form.getAll("StatusCallbackEvent")).toEqual(["initiated", "ringing", "answered", "completed"]);
    expect(readTwiml(form.get("Twiml") ?? "").gather).toBe(ourUrl({ event: "gather", turn: 1, option: ["Yes", "No"] }));
    expect(call.maxBodyBytes).toBe(64 * 1024);

    // The callee presses 1: the adapter reads it as "Yes", in that call.
    const pressed = fake.press(receipt.providerMessageId!, "1");
    expect(await phone.verify(pressed)).toEqual({ ok: true });
    expect(events(phone.parse(pressed)).messages).toMatchObject([
      { address: "+14155550123", text: "Yes", providerMessageId: `${receipt.providerMessageId}:1` },
    ]);
    // Its status callbacks move the message's status.
    const report = fake.statusReport!(receipt.providerMessageId!, "delivered", SAMPLE_URL);
    expect(events(phone.parse(report)).statuses).toMatchObject([{ providerMessageId: receipt.providerMessageId, status: "delivered" }]);
    // At the callback URL we gave, each report names our message too (Twilio signs that URL, query included).
    const ours = fake.statusReport!(receipt.providerMessageId!, "delivered", form.get("StatusCallback")!);
    expect(await phone.verify(ours)).toEqual({ ok: true });
    expect(events(phone.parse(ours)).statuses).toEqual([
      { channel: "phone", providerMessageId: receipt.providerMessageId, status: "delivered", error: null, at: null, messageId: "m1" },
    ]);
  });

  it("does not place a call again when the Calls API did not answer in time: it may have placed it", async () => {
    const posted: OutboundRequest[] = [];
    // What the guarded client rejects with when the request's AbortSignal.timeout fires: the signal's reason.
    const timedOut = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    const http = async (request: OutboundRequest): Promise<never> => {
      posted.push(request);
      throw timedOut;
    };
    const silent = createAdapter(sampleSettings, channelDeps({ http }));
    await expect(silent.send(message("m6", "hi"))).rejects.toMatchObject({
      name: "NoAnswer",
      message: expect.stringContaining("the call may have been placed"),
      code: "phone.no-answer",
      params: { seconds: 10 },
    });
    expect(posted).toHaveLength(1);
    expect(posted[0].signal).toBeInstanceOf(AbortSignal);
  });

  it("without a public URL the call only says the message and hangs up", async () => {
    await make({ webhookUrl: undefined }).send(message("m2", "Reminder: your appointment is at 10.", undefined, "+14155550124"));
    const twiml = readTwiml(new URLSearchParams(calls.at(-1)!.body ?? "").get("Twiml") ?? "");
    expect(twiml).toMatchObject({ said: ["Reminder: your appointment is at 10."], hungUp: true, gather: null });
  });

  it("hands a send to the call the customer is on instead of placing another", async () => {
    const phone = make();
    phone.parse(samples.call);
    const before = calls.length;
    expect(await phone.send(message("m3", "You are on the line."))).toEqual({ providerMessageId: callSid("1") });
    expect(calls.length).toBe(before);
    // Once the call is over, a send places a call again.
    phone.parse(signedWebhook(sampleSettings.authToken, ourUrl({ event: "status" }), callParams(callSid("1"), "completed")));
    expect((await phone.send(message("m4", "We called you back."))).providerMessageId).not.toBe(callSid("1"));
    expect(calls.length).toBe(before + 1);
  });

  it.each([
    ["a wrong auth token", { authToken: "not-the-real-token-0" }, CALLER, "Twilio answered HTTP 401 (error 20003): Authenticate"],
    ["another caller id", { from: "+15005550001" }, CALLER, "Twilio answered HTTP 400 (error 21210): The source phone number provided, +15005550001"],
    ["a number that is not one", {}, "+1", "Twilio answered HTTP 400 (error 21211): Invalid 'To' Phone Number: +1"],
  ])("throws what Twilio said when it refuses: %s", async (_name, overrides, to, said) => {
    await expect(make(overrides).send(message("m4", "hi", undefined, to))).rejects.toThrow(said);
  });

  it("throws on an outage so the dispatcher retries", async () => {
    const down = createAdapter(
      sampleSettings,
      channelDeps({ http: async () => ({ status: 503, url: "", contentType: "text/html", text: "<h1>Service Unavailable</h1>", truncated: false }) }),
    );
    await expect(down.send(message("m5", "hi"))).rejects.toThrow("Twilio answered HTTP 503: <h1>Service Unavailable</h1>");
  });

  it("the fake refuses TwiML Twilio could not parse (12100)", async () => {
    expect(() => readTwiml("<Response><Say>a & b</Say></Response>")).toThrow("12100");
    expect(() => readTwiml("<Response><Say>a</Response>")).toThrow("12100");
    expect(() => readTwiml("<Response><Bogus/></Response>")).toThrow("12100");
  });
});
