import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERASED } from "../../engine/contracts/privacy";
import type { FlowDocument } from "../../engine/contracts/flow";
import { closeTestDbs, testDb } from "../../engine/testing/test-db";
import { chat, countRows, openTestEngine, publishFlow, useTempDb, type TestEngine } from "../../engine/testing/test-engine";

const at = { x: 0, y: 0 };
/** Unique strings the customer writes and is called: none may survive an erasure anywhere in the file. */
const SECRET = "zq-card-4111-9378-secret";
const NAME = "Xanthippe Quillfeather";
const ADDRESS = "visitor-qwzx-8841";

/** The customer's text copied everywhere a flow can copy it: vars, CRM fields, a case, a notification, a send, a task. */
const COPY_EVERYWHERE: FlowDocument = {
  nodes: [
    { id: "t", type: "trigger.message-received", position: at, settings: {} },
    { id: "var", type: "data.set-variable", position: at, settings: { name: "said", value: "{{message.text}}" } },
    { id: "crm", type: "crm.update-customer", position: at, settings: { fields: ["lastMessage = {{vars.said}}"] } },
    { id: "case", type: "crm.case", position: at, settings: { type: "complaint", subject: "{{vars.said}}", details: ["said = {{vars.said}}"] } },
    { id: "note", type: "routing.notify", position: at, settings: { title: "New: {{vars.said}}", body: "{{customer.name}} wrote {{vars.said}}" } },
    { id: "send", type: "message.send", position: at, settings: { text: "You said {{vars.said}}" } },
    {
      id: "task",
      type: "routing.operator-task",
      position: at,
      settings: { title: "Call back {{customer.name}}: {{vars.said}}", steps: ["Read {{vars.said}}"], slaMinutes: 30 },
    },
    { id: "end", type: "flow.end", position: at, settings: {} },
  ],
  edges: [
    { id: "1", source: "t", sourcePort: "out", target: "var" },
    { id: "2", source: "var", sourcePort: "out", target: "crm" },
    { id: "3", source: "crm", sourcePort: "out", target: "case" },
    { id: "4", source: "case", sourcePort: "out", target: "note" },
    { id: "5", source: "note", sourcePort: "out", target: "send" },
    { id: "6", source: "send", sourcePort: "out", target: "task" },
    { id: "7", source: "task", sourcePort: "outcome-done", target: "end" },
    { id: "8", source: "task", sourcePort: "sla-breached", target: "end" },
  ],
};

/** Every aggregate a report could count: rows per table and per status/direction. */
function aggregates(t: TestEngine) {
  const db = testDb(t.engine);
  const grouped = (table: string, column: string) =>
    Object.fromEntries(
      (db.prepare(`SELECT ${column} AS k, COUNT(*) AS n FROM "${table}" GROUP BY ${column}`).all() as { k: string; n: number }[]).map((r) => [r.k, r.n]),
    );
  return {
    customers: countRows(t.engine, "Customer"),
    conversations: countRows(t.engine, "Conversation"),
    messages: grouped("Message", "direction || '/' || status"),
    tasks: grouped("Task", "status"),
    instances: grouped("Instance", "status"),
    events: countRows(t.engine, "InstanceEvent"),
    cases: grouped("Case", "status"),
    notifications: countRows(t.engine, "Notification"),
    outbox: grouped("OutboxMessage", "status"),
    inbox: countRows(t.engine, "InboxMessage"),
  };
}

/** Which of the database's files (main, -wal, -shm) hold `text` in their raw bytes. */
function filesHolding(file: string, text: string): string[] {
  const dir = path.dirname(file);
  return readdirSync(dir)
    .filter((f) => f.startsWith(path.basename(file)))
    .filter((f) => readFileSync(path.join(dir, f)).includes(Buffer.from(text)));
}

const tmp = useTempDb("omniflow-privacy-");

async function started() {
  const t = openTestEngine(tmp.file);
  await publishFlow(t.engine, "Copy everywhere", COPY_EVERYWHERE);
  const ann = await t.engine.receive("webchat", chat(ADDRESS, "m1", `hello, my card is ${SECRET}`, NAME));
  const bob = await t.engine.receive("webchat", chat("bob", "m2", "bob-keeps-this-text", "Bob"));
  return { t, ann: ann.customerId!, annInstance: ann.instanceId!, bob: bob.customerId! };
}

describe("erasing a customer", () => {
  it("removes their text from every table and both database files, and leaves other customers alone", async () => {
    const { t, ann } = await started();
    await t.engine.dispatch();
    // While the instance still waits, the text is in the pending outbox of a second send, vars, task, logs.
    expect(JSON.stringify(t.engine.privacy.exportCustomer(ann))).toContain(SECRET);

    const result = t.engine.privacy.eraseCustomer(ann, NAME.toLowerCase());
    expect(result).toMatchObject({ customerId: ann, stoppedInstances: 1, walTruncated: true });
    expect(result.rows).toMatchObject({ identities: 1, messages: 2, tasks: 1, cases: 1, notifications: 1, instances: 1 });

    const exported = JSON.stringify(t.engine.privacy.exportCustomer(ann));
    for (const personal of [SECRET, NAME, ADDRESS]) expect(exported).not.toContain(personal);
    const db = testDb(t.engine);
    const dump = (db.prepare(`SELECT * FROM "Task"`).all() as unknown[]).concat(
      db.prepare(`SELECT * FROM "Case"`).all(),
      db.prepare(`SELECT * FROM "Instance"`).all(),
    );
    expect(JSON.stringify(dump)).not.toContain(SECRET);
    expect(filesHolding(tmp.file, SECRET)).toEqual([]);
    expect(filesHolding(tmp.file, NAME)).toEqual([]);
    expect(filesHolding(tmp.file, ADDRESS)).toEqual([]);
    // The grep sees text that is there: the other customer's is.
    expect(filesHolding(tmp.file, "bob-keeps-this-text").length).toBeGreaterThan(0);

    await t.engine.close();
    closeTestDbs(tmp.dir);
    expect(filesHolding(tmp.file, SECRET)).toEqual([]);
    expect(existsSync(`${tmp.file}-wal`) ? readFileSync(`${tmp.file}-wal`).length : 0).toBe(0);
  });

  it("keeps every count by status the same once the customer's flows have finished", async () => {
    const { t, ann, annInstance } = await started();
    for (const task of t.engine.privacy.exportCustomer(ann).tasks) await t.engine.completeTask(task.id, "done", null);
    await t.engine.dispatch();
    expect(testDb(t.engine).prepare(`SELECT status FROM "Instance" WHERE id = ?`).get(annInstance)).toEqual({ status: "completed" });
    const before = aggregates(t);

    t.engine.privacy.eraseCustomer(ann, "ERASE");
    expect(aggregates(t)).toEqual(before);
    const messages = testDb(t.engine).prepare(`SELECT text FROM "Message" m JOIN "Conversation" c ON c.id = m.conversationId WHERE c.customerId = ?`).all(ann);
    expect(messages).toEqual([{ text: ERASED }, { text: ERASED }]);
    await t.engine.close();
  });

  it("stops their waiting flow with its task, timer and pending sends; their address next writes as a new customer", async () => {
    const { t, ann, annInstance } = await started();
    const [task] = t.engine.privacy.exportCustomer(ann).tasks;
    const pendingBefore = countRows(t.engine, "OutboxMessage", "status = 'pending'");

    t.engine.privacy.eraseCustomer(ann, "ERASE");
    const db = testDb(t.engine);
    expect(db.prepare(`SELECT status FROM "Instance" WHERE id = ?`).get(annInstance)).toEqual({ status: "cancelled" });
    expect(db.prepare(`SELECT status, title FROM "Task" WHERE id = ?`).get(task.id)).toEqual({ status: "cancelled", title: ERASED });
    expect(countRows(t.engine, "Timer", "instanceId = ? AND status = 'pending'", annInstance)).toBe(0);
    expect(countRows(t.engine, "OutboxMessage", "instanceId = ? AND status = 'cancelled'", annInstance)).toBe(1);
    expect(countRows(t.engine, "OutboxMessage", "status = 'pending'")).toBe(pendingBefore - 1);
    await expect(t.engine.completeTask(task.id, "done", null)).rejects.toThrow(/cancelled/);

    await t.engine.dispatch();
    expect(t.channel.sent.map((m) => m.text).join(" ")).not.toContain(SECRET);
    const again = await t.engine.receive("webchat", chat(ADDRESS, "m3", "hello again", NAME));
    expect(again.customerId).not.toBe(ann);
    expect(again.instanceId).not.toBe(annInstance);
    await t.engine.close();
  });

  it("refuses without the confirmation, and for a customer that does not exist", async () => {
    const { t, ann } = await started();
    expect(() => t.engine.privacy.eraseCustomer(ann, "Bob")).toThrow(/type their name or "ERASE"/);
    expect(() => t.engine.privacy.eraseCustomer("nobody", "ERASE")).toThrow(/customer nobody not found/);
    expect(JSON.stringify(t.engine.privacy.exportCustomer(ann))).toContain(SECRET);
    await t.engine.close();
  });
});

describe("an erased conversation", () => {
  it("is not what a visitor calling themselves “[erased]” sees", async () => {
    const { t, ann } = await started();
    t.engine.privacy.eraseCustomer(ann, "ERASE");
    expect(await t.engine.conversationFor("webchat", ERASED)).toEqual({ conversationId: null, messages: [] });
    await t.engine.close();
  });
});
