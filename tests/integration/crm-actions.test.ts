import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { chat, countRows, instanceRow, publishFlow, useTestEngine } from "../../engine/testing/test-engine";
import { testDb } from "../../engine/testing/test-db";

const at = { x: 0, y: 0 };
const CASE = { type: "complaint", priority: "high", subject: "{{message.text}}", details: ["said = {{message.text}}", "via = {{message.channel}}"] };
const FIELDS = { fields: ["tier = gold", "lastMessage = {{message.text}}"] };

/** trigger → case → update customer → wait for a reply → back to the case: every message writes both. */
const LOOP: FlowDocument = {
  nodes: [
    { id: "t", type: "trigger.message-received", position: at, settings: {} },
    { id: "case", type: "crm.case", position: at, settings: CASE },
    { id: "update", type: "crm.update-customer", position: at, settings: FIELDS },
    { id: "wait", type: "message.wait-reply", position: at, settings: { timeoutSeconds: 0 } },
  ],
  edges: [
    { id: "1", source: "t", sourcePort: "out", target: "case" },
    { id: "2", source: "case", sourcePort: "out", target: "update" },
    { id: "3", source: "update", sourcePort: "out", target: "wait" },
    { id: "4", source: "wait", sourcePort: "reply", target: "case" },
  ],
};

/** trigger → update customer → case → operator task: what the operator's customer card shows. */
const HANDOVER: FlowDocument = {
  nodes: [
    { id: "t", type: "trigger.message-received", position: at, settings: {} },
    { id: "update", type: "crm.update-customer", position: at, settings: FIELDS },
    { id: "case", type: "crm.case", position: at, settings: CASE },
    { id: "task", type: "routing.operator-task", position: at, settings: { queue: "complaints", title: "Case {{vars.caseId}}" } },
    { id: "end", type: "flow.end", position: at, settings: {} },
  ],
  edges: [
    { id: "1", source: "t", sourcePort: "out", target: "update" },
    { id: "2", source: "update", sourcePort: "out", target: "case" },
    { id: "3", source: "case", sourcePort: "out", target: "task" },
    { id: "4", source: "task", sourcePort: "outcome-done", target: "end" },
  ],
};

type CaseRow = {
  id: string;
  customerId: string;
  instanceId: string;
  nodeId: string;
  type: string;
  status: string;
  priority: number;
  subject: string;
  details: string;
  createdAt: string;
  updatedAt: string;
};

const t = useTestEngine();

const cases = () => testDb(t.engine).prepare(`SELECT * FROM "Case" ORDER BY createdAt, id`).all() as CaseRow[];
const fieldsOf = (customerId: string) =>
  JSON.parse((testDb(t.engine).prepare(`SELECT fields FROM "Customer" WHERE id = ?`).get(customerId) as { fields: string }).fields);
const setFields = (customerId: string, json: string) => testDb(t.engine).prepare(`UPDATE "Customer" SET fields = ? WHERE id = ?`).run(json, customerId);

describe("CRM actions through SQLite", () => {
  it("merge fields into the customer's and keep the other ones", async () => {
    await publishFlow(t.engine, "Complaints", LOOP);
    const first = await t.engine.receive("webchat", chat("v1", "m1", "my card was charged twice", "Ann"));
    expect(fieldsOf(first.customerId!)).toEqual({ tier: "gold", lastMessage: "my card was charged twice" });

    setFields(first.customerId!, JSON.stringify({ email: "ann@example.com", tier: "silver" }));
    await t.engine.receive("webchat", chat("v1", "m2", "still waiting"));
    expect(fieldsOf(first.customerId!)).toEqual({ email: "ann@example.com", tier: "gold", lastMessage: "still waiting" });
  });

  it("upsert one case per instance and type: a second pass updates it and merges its details", async () => {
    await publishFlow(t.engine, "Complaints", LOOP);
    const first = await t.engine.receive("webchat", chat("v1", "m1", "charged twice"));
    const [created] = cases();
    expect(created).toMatchObject({
      id: `${first.instanceId}:case-complaint`,
      customerId: first.customerId,
      instanceId: first.instanceId,
      nodeId: "case",
      type: "complaint",
      status: "open",
      priority: 2,
      subject: "charged twice",
    });
    expect(JSON.parse(created.details)).toEqual({ said: "charged twice", via: "webchat" });

    testDb(t.engine).prepare(`UPDATE "Case" SET details = json_set(details, '$.agentNote', 'called back')`).run();
    t.clock.advance(60_000);
    await t.engine.receive("webchat", chat("v1", "m2", "hello??"));
    const [updated, ...others] = cases();
    expect(others).toEqual([]);
    expect(updated).toMatchObject({ id: created.id, createdAt: created.createdAt, subject: "hello??" });
    expect(updated.updatedAt > created.updatedAt).toBe(true);
    expect(JSON.parse(updated.details)).toEqual({ said: "hello??", via: "webchat", agentNote: "called back" });
    expect(instanceRow(t.engine, first.instanceId!).stepCount).toBe(2);

    const other = await t.engine.receive("webchat", chat("v2", "m3", "me too"));
    expect(cases().map((c) => c.id)).toEqual([created.id, `${other.instanceId}:case-complaint`]);
  });

  it("write nothing for a duplicate delivery", async () => {
    await publishFlow(t.engine, "Complaints", LOOP);
    const first = await t.engine.receive("webchat", chat("v1", "m1", "charged twice"));
    const before = { cases: cases(), fields: fieldsOf(first.customerId!) };
    t.clock.advance(60_000);
    expect(await t.engine.receive("webchat", chat("v1", "m1", "redelivered with other text"))).toMatchObject({ duplicate: true });
    expect({ cases: cases(), fields: fieldsOf(first.customerId!) }).toEqual(before);
  });

  it("roll back with the step when the step fails, and apply once the event is redelivered", async () => {
    await publishFlow(t.engine, "Complaints", LOOP);
    const first = await t.engine.receive("webchat", chat("v1", "m1", "charged twice"));
    const before = cases();
    // The case is written first; the field merge then fails on the corrupt JSON and fails the step.
    setFields(first.customerId!, "not json");
    await expect(t.engine.receive("webchat", chat("v1", "m2", "any news?"))).rejects.toThrow(/JSON/);
    expect(cases()).toEqual(before);
    expect(instanceRow(t.engine, first.instanceId!)).toMatchObject({ status: "waiting", stepCount: 1 });
    expect(countRows(t.engine, "InboxMessage")).toBe(1);

    setFields(first.customerId!, "{}");
    expect(await t.engine.receive("webchat", chat("v1", "m2", "any news?"))).toMatchObject({ duplicate: false, instanceId: first.instanceId });
    expect(cases()).toMatchObject([{ id: before[0].id, subject: "any news?" }]);
    expect(fieldsOf(first.customerId!)).toEqual({ tier: "gold", lastMessage: "any news?" });
  });

  it("show the customer's fields and open cases on the operator's task", async () => {
    await publishFlow(t.engine, "Handover", HANDOVER);
    const first = await t.engine.receive("webchat", chat("v1", "m1", "charged twice", "Ann"));
    const [task] = await t.engine.tasks.list({ status: "open" });
    expect(task.title).toBe(`Case ${first.instanceId}:case-complaint`);
    const view = await t.engine.tasks.get(task.id);
    expect(view.customer).toMatchObject({
      fields: { tier: "gold", lastMessage: "charged twice" },
      cases: [
        {
          id: `${first.instanceId}:case-complaint`,
          type: "complaint",
          status: "open",
          priority: "high",
          subject: "charged twice",
          details: { said: "charged twice", via: "webchat" },
        },
      ],
    });

    testDb(t.engine).prepare(`UPDATE "Case" SET status = 'resolved'`).run();
    expect((await t.engine.tasks.get(task.id)).customer?.cases).toEqual([]);
  });
});
