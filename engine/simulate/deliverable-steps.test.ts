import { describe, expect, it } from "vitest";
import { fraudAlert } from "../../templates/fraud-alert";
import { parcelStatus } from "../../templates/parcel-status";
import { runTestCase, simulateFlow } from "./simulate";

const parcel = parcelStatus.document;
const shipped = parcel.tests[0].steps;

describe("a send on a channel without an adapter", () => {
  it("is undeliverable: the trace says so and the send's failed path is taken", () => {
    const run = simulateFlow(parcel, shipped, { customer: { name: "Sam", channel: "email", alsoOn: ["telegram"] }, deliverable: ["webchat", "email"] });
    expect(run.notes.map((n) => n.message)).toEqual([
      "telegram: undeliverable, no telegram channel is configured",
      "sms: undeliverable, no sms channel is configured",
    ]);
    expect(run.outcome).toBe("notified-email");
    expect(run.sent).toEqual([expect.stringMatching(/^\[email\] /)]);
    expect(run.steps.flatMap((s) => s.trail)).toEqual(expect.arrayContaining(["telegram", "sms", "email", "sent-email"]));
  });

  it("fails on the conversation's own channel too, when that channel is off", () => {
    const [itWasMe] = fraudAlert.document.tests;
    const { run, failures } = runTestCase(fraudAlert.document, itWasMe, ["webchat"]);
    expect(run.sent).toEqual([]);
    expect(run.notes[0].message).toBe("confirm: undeliverable, no sms channel is configured");
    expect(failures[0]).toMatch(/^message 1 should contain .* it was never sent$/);
  });

  it("is delivered on every installed channel when no engine says otherwise (saved tests)", () => {
    const run = simulateFlow(parcel, shipped, { customer: { name: "Sam", channel: "email", alsoOn: ["telegram"] } });
    expect(run.notes).toEqual([]);
    expect(run.outcome).toBe("notified-telegram");
  });

  it("on the phone: delivered by default now that its adapter is installed, undeliverable where the engine has none", () => {
    const doc = structuredClone(parcel);
    const telegram = doc.nodes.find((n) => n.id === "telegram");
    if (telegram) telegram.settings = { ...telegram.settings, channel: "phone" };
    const customer = { name: "Sam", channel: "email" as const, alsoOn: ["phone" as const] };
    expect(simulateFlow(doc, shipped, { customer }).notes).toEqual([]);
    const run = simulateFlow(doc, shipped, { customer, deliverable: ["webchat", "email"] });
    expect(run.notes[0].message).toBe("telegram: undeliverable, no phone channel is configured");
    expect(run.outcome).toBe("notified-email");
  });
});
