import { describe, expect, it } from "vitest";
import { ERASED } from "../../engine/contracts/privacy";
import { ackFlow } from "../../engine/testing/flows";
import { testDb } from "../../engine/testing/test-db";
import { chat, countRows, publishFlow, useTestEngine } from "../../engine/testing/test-engine";

const DAY = 86_400_000;
const t = useTestEngine((t) => publishFlow(t.engine, "Ack", ackFlow("Thanks, {{message.text}}")));

const texts = () => (testDb(t.engine).prepare(`SELECT text FROM "Message" ORDER BY createdAt, id`).all() as { text: string }[]).map((m) => m.text);
const eventPayloads = () => testDb(t.engine).prepare(`SELECT payload FROM "InstanceEvent" ORDER BY id`).all() as { payload: string }[];

describe("retention of message bodies and logs", () => {
  it("keeps everything by default", async () => {
    expect(t.engine.settings.get("privacy.retention")).toEqual({ messageBodiesDays: null, logsDays: null });
    await t.engine.receive("webchat", chat("v1", "m1", "old-text"));
    t.clock.advance(400 * DAY);
    expect(await t.engine.privacy.applyRetention()).toEqual({ messageBodies: 0, events: 0, inbox: 0, outbox: 0 });
    expect(texts()).toContain("old-text");
  });

  it("blanks bodies and log payloads older than the setting, keeps newer ones and every row", async () => {
    await t.engine.receive("webchat", chat("v1", "m1", "old-text"));
    await t.engine.dispatch();
    t.clock.advance(10 * DAY);
    await t.engine.receive("webchat", chat("v2", "m2", "new-text"));
    const rows = () => ["Message", "InstanceEvent", "InboxMessage", "OutboxMessage"].map((table) => countRows(t.engine, table));
    const before = rows();

    t.engine.settings.set("privacy.retention", { messageBodiesDays: 7, logsDays: 7 });
    const done = await t.engine.privacy.applyRetention();
    expect(done).toEqual({ messageBodies: 2, events: 1, inbox: 1, outbox: 1 });
    expect(texts()).toEqual([ERASED, ERASED, "new-text", "Thanks, new-text"]);
    expect(JSON.stringify(eventPayloads())).not.toContain("old-text");
    expect(JSON.stringify(eventPayloads())).toContain("new-text");
    const oldEvent = JSON.parse(eventPayloads()[0].payload);
    expect(oldEvent).toMatchObject({ type: "message.received", messageId: "m1", text: ERASED });
    expect(countRows(t.engine, "InboxMessage", "payload LIKE '%old-text%'")).toBe(0);
    expect(countRows(t.engine, "OutboxMessage", "payload LIKE '%old-text%'")).toBe(0);
    // The newer send is still pending: its payload must reach the customer as written.
    expect(countRows(t.engine, "OutboxMessage", "status = 'pending' AND payload LIKE '%new-text%'")).toBe(1);
    expect(rows()).toEqual(before);

    // Each row is visited once: a second run rewrites nothing until more rows age.
    expect(await t.engine.privacy.applyRetention()).toEqual({ messageBodies: 0, events: 0, inbox: 0, outbox: 0 });
    await t.engine.dispatch();
    t.clock.advance(8 * DAY);
    expect(await t.engine.privacy.applyRetention()).toEqual({ messageBodies: 2, events: 1, inbox: 1, outbox: 1 });
    expect(texts()).toEqual([ERASED, ERASED, ERASED, ERASED]);
  });

  it("refuses a bad setting with a clear error and keeps the stored one", () => {
    t.engine.settings.set("privacy.retention", { messageBodiesDays: 30, logsDays: null });
    expect(() => t.engine.settings.set("privacy.retention", { messageBodiesDays: 0, logsDays: null })).toThrow(
      /setting privacy.retention is invalid: messageBodiesDays/,
    );
    expect(() => t.engine.settings.set("privacy.retention", { messageBodiesDays: "30" })).toThrow(/messageBodiesDays/);
    expect(() => t.engine.settings.set("privacy.retention", { messageBodiesDays: 30, logsDays: null, extra: 1 })).toThrow(/privacy.retention/);
    expect(() => t.engine.settings.set("nope" as "privacy.retention", {})).toThrow(/no setting "nope"/);
    expect(t.engine.settings.get("privacy.retention")).toEqual({ messageBodiesDays: 30, logsDays: null });
  });
});
