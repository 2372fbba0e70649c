/**
 * Voice end to end through real SQLite and real HTTP: the fake Twilio calls in, the server answers
 * each webhook with the TwiML of the flow's step (an IVR: say, gather keys, route), the caller is
 * enqueued for an operator or books a callback for the hour they key in; the operator logs the
 * call's outcome, which moves the instance on (a send after the call places one through the Calls API).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RawRequest } from "../../engine/channels/channel";
import { createAdapter, sandboxSettings } from "../../engine/channels/phone/adapter";
import { createFake, type PhoneFake } from "../../engine/channels/phone/fake";
import type { FlowDocument } from "../../engine/contracts/flow";
import type { OutboundRequest } from "../../engine/contracts/outbound";
import { createEngine, type Engine } from "../../engine/index";
import { channelDeps } from "../../engine/testing/channel-deps";
import { fakeClock, T0 } from "../../engine/testing/fake-clock";
import { serveFake, type ServedFake } from "../../engine/testing/serve-fake";
import { testDb } from "../../engine/testing/test-db";
import { countRows, publishFlow, useTempDb } from "../../engine/testing/test-engine";
import { handleIngress } from "../../server/ingress-routes";

const at = { x: 0, y: 0 };
const wire = (edges: [string, string, string][]) => edges.map(([source, sourcePort, target], i) => ({ id: `e${i}`, source, sourcePort, target }));
/** The IVR: a menu of two keys; an operator on the line, or a callback at the hour keyed in, whose outcome the operator logs. */
const ivr: FlowDocument = {
  nodes: [
    { id: "start", type: "trigger.message-received", position: at, settings: { channel: "phone" } },
    { id: "welcome", type: "message.send", position: at, settings: { text: "Welcome to ACME." } },
    { id: "menu", type: "message.ask", position: at, settings: { question: "How can we help?", answer: "buttons", buttons: ["Operator", "Call me back"] } },
    { id: "hold", type: "message.send", position: at, settings: { text: "Please hold for an operator." } },
    { id: "support", type: "routing.operator-task", position: at, settings: { queue: "support", title: "Caller {{customer.name}}", outcomes: ["resolved"] } },
    { id: "thanks", type: "message.send", position: at, settings: { text: "Thank you for calling. Goodbye." } },
    { id: "resolved", type: "flow.end", position: at, settings: { outcome: "resolved" } },
    {
      id: "when",
      type: "message.ask",
      position: at,
      settings: {
        question: "At what hour should we call you? Key it in, then press hash.",
        validation: "regex",
        pattern: "^([01]?\\d|2[0-3])$",
        variable: "hour",
      },
    },
    { id: "booked", type: "message.send", position: at, settings: { text: "We will call you back at {{vars.hour}}:00. Goodbye." } },
    {
      id: "callback",
      type: "routing.operator-task",
      position: at,
      settings: { queue: "callbacks", title: "Call back {{customer.name}}", outcomes: ["answered", "no-answer"], dueAt: "{{vars.hour}}:00", timeZone: "UTC" },
    },
    { id: "missed", type: "message.send", position: at, settings: { text: "Sorry we missed you. Press 1 to talk now.", buttons: ["Talk now"] } },
    { id: "called", type: "flow.end", position: at, settings: { outcome: "called-back" } },
    { id: "gave-up", type: "flow.end", position: at, settings: { outcome: "missed" } },
    { id: "invalid", type: "flow.end", position: at, settings: { outcome: "invalid" } },
  ],
  edges: wire([
    ["start", "out", "welcome"],
    ["welcome", "out", "menu"],
    ["menu", "button-1", "hold"],
    ["menu", "button-2", "when"],
    ["menu", "invalid", "invalid"],
    ["hold", "out", "support"],
    ["support", "outcome-resolved", "thanks"],
    ["thanks", "out", "resolved"],
    ["when", "answered", "booked"],
    ["when", "invalid", "invalid"],
    ["booked", "out", "callback"],
    ["callback", "outcome-answered", "called"],
    ["callback", "outcome-no-answer", "missed"],
    ["missed", "out", "gave-up"],
  ]),
};

const CALLER = { address: "+14155550100", name: "Ann" };

describe("phone channel (Twilio-compatible voice) through SQLite", () => {
  const tmp = useTempDb("omniflow-phone-");
  let fake: PhoneFake;
  let twilio: ServedFake;
  let engine: Engine;
  let server: http.Server;
  let webhookUrl: string;
  let clock: ReturnType<typeof fakeClock>;
  /** Calls API requests the adapter made; with `loseCallAnswers`, Twilio takes each but its answer never comes back. */
  let placing: OutboundRequest[];
  let loseCallAnswers: boolean;

  beforeEach(async () => {
    fake = createFake(sandboxSettings());
    twilio = await serveFake(fake);
    server = http.createServer((req, res) => void handleIngress(engine, req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    // The public URL is this server's: calls the flow places (callbacks) come back to it.
    webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/channels/phone/inbound`;
    placing = [];
    loseCallAnswers = false;
    const twilioApi = async (request: OutboundRequest) => {
      placing.push(request);
      const answer = await twilio.http(request);
      if (loseCallAnswers) throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
      return answer;
    };
    const phone = createAdapter({ ...sandboxSettings(), baseUrl: twilio.baseUrl, webhookUrl }, channelDeps({ http: twilioApi }));
    clock = fakeClock();
    engine = createEngine({ dbFile: tmp.file, clock: clock.now, channels: [phone], background: false });
    await publishFlow(engine, "IVR", ivr);
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await engine.close();
    await twilio.close();
  });

  /** Posts a webhook exactly as the fake Twilio built it. */
  const post = async (request: RawRequest) => {
    const res = await fetch(request.url, { method: "POST", headers: request.headers as Record<string, string>, body: request.body.toString("utf8") });
    return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: await res.text() };
  };
  /** Posts a webhook of the call and lets the caller hear the answer. */
  const turn = async (callSid: string, request: RawRequest) => {
    const answer = await post(request);
    expect(answer).toMatchObject({ status: 200, contentType: "text/xml; charset=utf-8" });
    return fake.hear(callSid, { status: answer.status, contentType: answer.contentType, body: answer.body });
  };
  const db = () => testDb({ dbFile: tmp.file });
  const outbound = () => db().prepare(`SELECT providerId, status, text FROM "Message" WHERE direction = 'out' ORDER BY createdAt, id`).all();
  const instance = () => db().prepare(`SELECT status, snapshot FROM "Instance"`).get() as { status: string; snapshot: string };
  const task = (queue: string) =>
    db().prepare(`SELECT t.id, t.dueAt, t.status FROM "Task" t JOIN "Queue" q ON q.id = t.queueId WHERE q.name = ?`).get(queue) as {
      id: string;
      dueAt: number | bigint | null;
      status: string;
    };

  it("runs the IVR: say, gather a key, book a callback at the hour keyed in; the operator's outcome moves the flow on", async () => {
    const { callSid, request } = fake.call(CALLER, webhookUrl);
    const menu = await turn(callSid, request);
    expect(menu).toMatchObject({
      said: ["Welcome to ACME.", "How can we help?", "Press 1 for Operator.", "Press 2 for Call me back."],
      options: ["Operator", "Call me back"],
    });
    // Twilio repeating the call's request: the same answer, the call taken in once.
    expect((await post(request)).body).toBe((await post(request)).body);
    expect(countRows(engine, "Message", "direction = 'in'")).toBe(1);
    expect(countRows(engine, "Instance")).toBe(1);

    expect(await turn(callSid, fake.press(callSid, "2"))).toMatchObject({ said: ["At what hour should we call you? Key it in, then press hash."] });
    const booked = await turn(callSid, fake.press(callSid, "15#"));
    expect(booked).toMatchObject({ said: ["We will call you back at 15:00. Goodbye."], hungUp: true, enqueued: null });

    // The callback task is due at the hour picked: T0 is 09:00 UTC, so 15:00 the same day.
    const callback = task("callbacks");
    expect(Number(callback.dueAt)).toBe(T0 + 6 * 3_600_000);
    expect(callback.status).toBe("open");
    expect(instance().status).toBe("waiting");
    // What the caller heard went out once, in the call (no call placed for it), and was spoken when the call completed.
    await engine.dispatch(); // the in-call sends settle as sent through the dispatcher like any other
    expect(countRows(engine, "OutboxMessage", "status = 'pending'")).toBe(0);
    expect(fake.deliveries().every((d) => d.providerMessageId === callSid)).toBe(true);
    expect((await post(fake.statusCallback(callSid, "completed", webhookUrl))).status).toBe(202);
    expect(outbound()).toEqual([
      { providerId: callSid, status: "delivered", text: "Welcome to ACME." },
      { providerId: callSid, status: "delivered", text: "How can we help?" },
      { providerId: callSid, status: "delivered", text: "At what hour should we call you? Key it in, then press hash." },
      { providerId: callSid, status: "delivered", text: "We will call you back at 15:00. Goodbye." },
    ]);
    // A late "ringing" does not move a delivered message back.
    await post(fake.statusCallback(callSid, "ringing", webhookUrl));
    expect(countRows(engine, "Message", "direction = 'out' AND status = 'delivered'")).toBe(4);

    // The operator calls back, nobody answers: the logged outcome resumes the instance, whose next words place a call.
    await engine.completeTask(callback.id, "no-answer");
    await engine.dispatch();
    const placed = fake.deliveries().at(-1)!;
    expect(placed).toMatchObject({ address: CALLER.address, text: "Sorry we missed you. Press 1 to talk now. Press 1 for Talk now.", buttons: ["Talk now"] });
    expect(placed.providerMessageId).not.toBe(callSid);
    expect(instance().status).toBe("completed");
    expect(JSON.parse(instance().snapshot).context.task).toEqual({ outcome: "no-answer" });
    await post(fake.statusReport!(placed.providerMessageId, "failed", webhookUrl));
    expect(outbound().at(-1)).toMatchObject({ providerId: placed.providerMessageId, status: "failed" });
  });

  it("places a call once when Twilio's answer to it is lost: the message is unknown until the call's status callback names it", async () => {
    const { callSid, request } = fake.call(CALLER, webhookUrl);
    await turn(callSid, request);
    await turn(callSid, fake.press(callSid, "2"));
    await turn(callSid, fake.press(callSid, "15#"));
    await engine.dispatch();
    await post(fake.statusCallback(callSid, "completed", webhookUrl));

    // The operator's callback goes unanswered; the flow's next words place a call, whose API answer is lost.
    loseCallAnswers = true;
    await engine.completeTask(task("callbacks").id, "no-answer");
    await engine.dispatch();
    clock.advance(3_600_000); // long past any retry's backoff: nothing is tried again
    await engine.dispatch();
    const placed = fake.deliveries().filter((d) => d.providerMessageId !== callSid);
    expect(placed).toHaveLength(1);
    expect(placing).toHaveLength(1);
    expect(outbound().at(-1)).toMatchObject({ providerId: null, status: "unknown" });
    expect(countRows(engine, "OutboxMessage", "status = 'unknown' AND lastError LIKE '%may have been placed%'")).toBe(1);

    // Twilio calls back the URL it was given, which names the message: it takes the call's SID and its status.
    const given = new URLSearchParams(placing[0].body ?? "").get("StatusCallback")!;
    expect((await post(fake.statusReport!(placed[0].providerMessageId, "delivered", given))).status).toBe(202);
    expect(outbound().at(-1)).toMatchObject({ providerId: placed[0].providerMessageId, status: "delivered" });
  });

  it("holds a caller who asks for an operator in the queue, and lets them go on when the operator logged the outcome", async () => {
    const { callSid, request } = fake.call(CALLER, webhookUrl);
    await turn(callSid, request);
    const held = await turn(callSid, fake.press(callSid, "1"));
    expect(held).toMatchObject({ said: ["Please hold for an operator."], enqueued: { queue: "support" } });
    expect((await turn(callSid, fake.follow(callSid))).said).toEqual([]); // hold music while the task is open

    await engine.completeTask(task("support").id, "resolved");
    // The flow's goodbye reaches the caller on hold, who then leaves the queue; the call ends with the flow.
    const released = await turn(callSid, fake.follow(callSid));
    expect(released).toMatchObject({ said: ["Thank you for calling. Goodbye."], left: true });
    expect(await turn(callSid, fake.leaveQueue(callSid))).toMatchObject({ said: [], hungUp: true });
    expect(instance().status).toBe("completed");
  });

  it("refuses an unsigned, tampered or malformed webhook and writes nothing", async () => {
    const { request } = fake.call(CALLER, webhookUrl);
    expect(await post({ ...request, headers: { ...request.headers, "x-twilio-signature": "" } })).toMatchObject({ status: 401 });
    const tampered = { ...request, body: Buffer.from(request.body.toString().replace("%2B14155550100", "%2B14155550199")) };
    expect(JSON.parse((await post(tampered)).body)).toMatchObject({ error: "invalid_signature" });
    const malformed = fake.call({ address: "0800 12345" }, webhookUrl).request;
    const refused = await post(malformed);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ issues: [{ field: "From" }] });
    expect(countRows(engine, "Message")).toBe(0);
    expect(countRows(engine, "Customer")).toBe(0);
  });
});

describe("phone channel in the sandbox: calling the demo", () => {
  const tmp = useTempDb("omniflow-phone-sandbox-");

  it("calls in with the first line, hears the menu as text, the line keys in its choice, books a callback; nothing leaves the machine", async () => {
    const engine = createEngine({ dbFile: tmp.file, clock: fakeClock().now, sandbox: true, background: false });
    try {
      await publishFlow(engine, "IVR", ivr);
      const flowLines = async () => (await engine.sandbox.thread("phone", CALLER.address)).filter((l) => l.from === "flow").map((l) => l.text);
      // The first line dials; once the call listens, the caller keys it in (a caller who knows the menu).
      await engine.sandbox.write("phone", CALLER, "2");
      expect(await flowLines()).toEqual([
        "Welcome to ACME. How can we help? Press 1 for Operator. Press 2 for Call me back.",
        "At what hour should we call you? Key it in, then press hash.",
      ]);
      await engine.sandbox.write("phone", CALLER, "9#");
      expect((await flowLines()).slice(2)).toEqual(["We will call you back at 9:00. Goodbye."]);
      expect(countRows(engine, "Task", "status = 'open'")).toBe(1);
    } finally {
      await engine.close();
    }
  });
});
