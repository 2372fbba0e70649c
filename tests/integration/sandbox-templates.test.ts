/**
 * The four templates that send on channels other than web chat, run end to end through sandboxed
 * adapters (issue 17): published from the gallery on a real SQLite file, driven as the customer
 * (the sandbox writes as them on SMS, Telegram or e-mail) and the CRM (`receiveCrmEvent` under an
 * API key) would, each saved test case's expected messages must then reach the customer's side of
 * the sandbox on the channel the flow sends on; e-mail goes over SMTP to the fake's mailbox.
 */
import { createServer } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Channel } from "../../engine/contracts/events";
import type { FlowTestCase } from "../../engine/contracts/simulation";
import { createEngine, type Engine } from "../../engine/index";
import { testApiKey } from "../../engine/testing/api-keys";
import { tempDb, type TempDb } from "../../engine/testing/temp-db";
import { testDb } from "../../engine/testing/test-db";
import { seedDemoFlow } from "../../prisma/seed";
import { flowTemplates } from "../../templates/catalog";

/** A port nobody listens on now: e-mail's fake SMTP server is served there instead of the demo's 2525. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Where each channel's customer is, as its provider names them. */
const ADDRESSES: Partial<Record<Channel, string>> = { sms: "+4915112345678", telegram: "5550001", email: "customer@mail.example" };

let engine: Engine;
let tmp: TempDb;
beforeEach(async () => {
  tmp = tempDb();
  const smtpPort = await freePort();
  engine = createEngine({ dbFile: tmp.file, sandbox: true, templates: flowTemplates, background: false, sandboxSettings: { email: { smtpPort } } });
});
afterEach(async () => {
  await engine.close();
  tmp.remove();
});

/** Creates the template's flow from the gallery and publishes it: every channel it names is sandboxed, so nothing to warn of. */
async function publishTemplate(templateId: string) {
  const { id } = await engine.flows.createFromTemplate(templateId);
  const version = await engine.flows.publish(id);
  expect(version.warnings).toEqual([]);
}

/** Plays a saved test case's script as the customer and the CRM; returns the customer's address. */
async function play(test: FlowTestCase): Promise<string> {
  const channel = test.customer?.channel ?? "webchat";
  const address = ADDRESSES[channel];
  if (!address || !test.customer) throw new Error(`no sandbox customer on ${channel}`);
  const crm = testApiKey(engine, ["events"]);
  for (const [i, step] of test.steps.entries()) {
    const name = test.customer.name ?? undefined;
    if (step.do === "message") await engine.sandbox.write(channel, { address, name }, step.text);
    else if (step.do === "crm-event") {
      const customer = { channel, address, name };
      await engine.receiveCrmEvent({ eventId: `${test.id}-${i}`, name: step.name, customer, payload: step.payload }, crm.keyId);
    } else throw new Error(`${test.id}: the sandbox plays messages and CRM events, not ${step.do}`);
    await engine.dispatch();
  }
  return address;
}

/** The flow's lines in the sandbox thread of `channel`. */
const received = async (channel: Channel, address: string) =>
  (await engine.sandbox.thread(channel, address)).filter((line) => line.from === "flow").map((line) => line.text);

/** Statuses of the messages in the customer's conversations on `channel` (a failed send on another channel included), oldest first. */
const sentStatuses = (channel: Channel) =>
  (
    testDb(engine)
      .prepare(
        `SELECT m.status FROM "Message" m JOIN "Conversation" c ON c.id = m.conversationId
         WHERE c.channel = ? AND m.direction = 'out' ORDER BY m.createdAt, m.id`,
      )
      .all(channel) as { status: string }[]
  ).map((row) => row.status);

/** The only instance's status and outcome, as stored. */
function instance(): { status: string; outcome: string | null } {
  const rows = testDb(engine).prepare(`SELECT status, snapshot FROM "Instance"`).all() as { status: string; snapshot: string }[];
  expect(rows).toHaveLength(1);
  return { status: rows[0].status, outcome: (JSON.parse(rows[0].snapshot) as { context: { outcome: string | null } }).context.outcome };
}

/** Saved test cases the sandbox can play (customer messages and CRM events), by template. */
const CASES: [template: string, test: string][] = [
  ["fraud-alert", "it-was-me"],
  ["parcel-status", "sms"],
  ["parcel-status", "email-only"],
  ["telegram-faq-bot", "low-confidence"],
  ["complaint-routing", "calm-russian-email"],
];

describe("templates through sandboxed channels", () => {
  it.each(CASES)("%s: %s", async (templateId, testId) => {
    const template = flowTemplates.find((t) => t.id === templateId);
    const test = template?.document.tests.find((t) => t.id === testId);
    if (!template || !test) throw new Error(`no test case ${templateId}/${testId}`);
    await publishTemplate(templateId);
    const address = await play(test);

    // Each expected message on its channel: "[sms] text" is sent on SMS, a bare text on the customer's own.
    const expected = (test.expect.sent ?? []).map((sent) => {
      const fixed = /^\[(\w+)\] (.*)$/s.exec(sent);
      return { channel: (fixed?.[1] ?? test.customer?.channel) as Channel, text: fixed?.[2] ?? sent };
    });
    expect(expected.length).toBeGreaterThan(0);
    for (const channel of new Set(expected.map((e) => e.channel))) {
      const lines = await received(channel, ADDRESSES[channel] === undefined ? address : (ADDRESSES[channel] as string));
      const wanted = expected.filter((e) => e.channel === channel).map((e) => e.text);
      expect(lines, `${channel} thread`).toHaveLength(wanted.length);
      wanted.forEach((text, i) => expect(lines[i]).toContain(text));
    }
    // The SMS fake reports what it took delivered, as Twilio's status callback would.
    const texts = expected.filter((e) => e.channel === "sms").length;
    await vi.waitFor(() => expect(sentStatuses("sms").filter((status) => status === "delivered")).toHaveLength(texts));
    expect(instance()).toMatchObject({ status: test.expect.status, ...(test.expect.outcome && { outcome: test.expect.outcome }) });
  });

  it("parcel-status falls back past channels that are off: the publish warns, Telegram and SMS fail, the mail arrives", async () => {
    engine.channels.setMode("telegram", "off");
    engine.channels.setMode("sms", "off");
    const { id } = await engine.flows.createFromTemplate("parcel-status");
    const { warnings } = await engine.flows.publish(id);
    expect(warnings.map((w) => [w.code, w.nodeId, w.params?.channel])).toEqual([
      ["channel-off", "telegram", "telegram"],
      ["channel-off", "sms", "sms"],
    ]);
    const test = flowTemplates.find((t) => t.id === "parcel-status")?.document.tests.find((t) => t.id === "email-only");
    if (!test) throw new Error("no email-only case");
    const address = await play(test);
    expect(await received("email", address)).toEqual([expect.stringContaining(test.expect.sent?.[0].replace("[email] ", "") ?? "?")]);
    expect(instance()).toEqual({ status: "completed", outcome: "notified-email" });
  });

  it("the demo's Support chat answers a newcomer on every messaging channel of the Sandbox", async () => {
    await seedDemoFlow(engine, "en");
    const customers: [Channel, string][] = [
      ["telegram", "5550002"],
      ["whatsapp", "+4915112345670"],
      ["sms", "+4915112345671"],
      ["vk", "5550003"],
      ["viber", "viber-newcomer-1"],
      ["email", "newcomer@mail.example"],
    ];
    for (const [channel, address] of customers) {
      await engine.sandbox.write(channel, { address, name: "Ann" }, "What are your opening hours?");
      await engine.dispatch();
      const lines = await received(channel, address);
      expect(lines, channel).toHaveLength(2);
      // VK's callback carries no name: the greeting falls back to "there".
      expect(lines[0], channel).toMatch(/^Hello (Ann|there), this is Omniflow support\./);
      expect(lines[1], channel).toContain("Monday to Friday, 9:00-18:00 CET");
    }
  });

  it("the demo's Support chat asks a Sandbox caller what they need, then answers what they wrote", async () => {
    await seedDemoFlow(engine, "en");
    const caller = { address: "+4915112345672", name: "Ann" };
    // One line written on the phone: the fake dials, the flow greets and asks, then the caller says the line.
    await engine.sandbox.write("phone", caller, "When are you open?");
    await engine.dispatch();
    const lines = await received("phone", caller.address);
    expect(lines.join(" ")).toMatch(/^Hello Ann, this is Omniflow support\. How can we help you today\?/);
    expect(lines.at(-1)).toContain("Monday to Friday, 9:00-18:00 CET");
    expect(await engine.tasks.list({ status: "open" })).toEqual([]); // not "Ann asks: Incoming call"
  });
});
