import { describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../engine";
import type { FlowDocument } from "../../engine/contracts/flow";
import { fakeClock } from "../../engine/testing/fake-clock";
import { recordingChannel } from "../../engine/testing/recording-channel";
import { chat, countRows, publishFlow, useTempDb, useTestEngine } from "../../engine/testing/test-engine";
import { seedStaff } from "../../prisma/seed";
import { testDb } from "../../engine/testing/test-db";

const at = { x: 0, y: 0 };
const MINUTE = 60_000;

/** A complaint for a specialist (skills, 30 min SLA); on breach: notify supervisors and escalate to them. */
const COMPLAINT: FlowDocument = {
  nodes: [
    { id: "in", type: "trigger.message-received", position: at, settings: { channel: "any" } },
    {
      id: "task",
      type: "routing.operator-task",
      position: at,
      settings: {
        queue: "conflicts",
        title: "Complaint: {{message.text}}",
        skills: ["complaints", "ru"],
        outcomes: ["resolved"],
        priority: "high",
        slaMinutes: 30,
      },
    },
    { id: "tell", type: "routing.notify", position: at, settings: { level: "warning", title: "SLA missed for {{customer.name}}" } },
    { id: "esc", type: "routing.escalate", position: at, settings: { slaMinutes: 15, note: "Nobody took it in 30 minutes" } },
    { id: "ok", type: "flow.end", position: at, settings: { outcome: "resolved" } },
    { id: "late", type: "flow.end", position: at, settings: { outcome: "resolved-after-escalation" } },
    { id: "lost", type: "flow.end", position: at, settings: { outcome: "unanswered" } },
  ],
  edges: [
    { id: "1", source: "in", sourcePort: "out", target: "task" },
    { id: "2", source: "task", sourcePort: "outcome-resolved", target: "ok" },
    { id: "3", source: "task", sourcePort: "sla-breached", target: "tell" },
    { id: "4", source: "tell", sourcePort: "out", target: "esc" },
    { id: "5", source: "esc", sourcePort: "done", target: "late" },
    { id: "6", source: "esc", sourcePort: "sla-breached", target: "lost" },
  ],
};

const offerFlow = (settings: Record<string, unknown>): FlowDocument => ({
  nodes: [
    { id: "in", type: "trigger.message-received", position: at, settings: { channel: "webchat" } },
    { id: "offer", type: "message.offer-channel-switch", position: at, settings },
    { id: "yes", type: "flow.end", position: at, settings: { outcome: "switched" } },
    { id: "no", type: "flow.end", position: at, settings: { outcome: "declined" } },
    { id: "none", type: "flow.end", position: at, settings: { outcome: "no-answer" } },
  ],
  edges: [
    { id: "1", source: "in", sourcePort: "out", target: "offer" },
    { id: "2", source: "offer", sourcePort: "switched", target: "yes" },
    { id: "3", source: "offer", sourcePort: "declined", target: "no" },
    { id: "4", source: "offer", sourcePort: "no-answer", target: "none" },
  ],
});

type TaskRow = {
  id: string;
  queue: string;
  priority: number;
  dueAt: number | null;
  skills: string;
  escalations: number;
  steps: string;
  status: string;
  conversationId: string;
};
const tasks = (engine: Engine) =>
  testDb(engine)
    .prepare(
      `SELECT t.id, q.name AS queue, t.priority, t.dueAt, t.skills, t.escalations, t.steps, t.status, t.conversationId FROM "Task" t JOIN "Queue" q ON q.id = t.queueId`,
    )
    .all() as TaskRow[];

describe("escalation through real SQLite", () => {
  const t = useTestEngine(async ({ engine }) => {
    await seedStaff(engine);
    await publishFlow(engine, "Complaints", COMPLAINT);
  });

  it("moves the breached task to supervisors, urgent, with the note and a new deadline, and tells supervisors", async () => {
    await t.engine.receive("webchat", chat("v-1", "m-1", "I was charged twice", "Irina"));
    const [created] = tasks(t.engine);
    expect(created).toMatchObject({ queue: "conflicts", priority: 2, skills: '["complaints","ru"]', escalations: 0, dueAt: t.clock.now() + 30 * MINUTE });

    t.clock.advance(30 * MINUTE);
    await t.engine.fireDueTimers();
    const [moved] = tasks(t.engine);
    expect(moved).toMatchObject({ id: created.id, queue: "supervisors", priority: 3, escalations: 1, status: "open", dueAt: t.clock.now() + 15 * MINUTE });
    expect(JSON.parse(moved.steps)).toEqual([{ text: "Nobody took it in 30 minutes", done: false }]);
    expect(testDb(t.engine).prepare(`SELECT audience, level, title FROM "Notification"`).all()).toEqual([
      { audience: "supervisors", level: "warning", title: "SLA missed for Irina" },
    ]);

    await expect(t.engine.completeTask(created.id, "resolved", "demo-operator")).rejects.toThrow(
      "Demo Operator lacks the skills this task needs: complaints, ru",
    );
    await t.engine.completeTask(created.id, "resolved", "sam-lee"); // the supervisor it moved to
    expect(testDb(t.engine).prepare(`SELECT status, snapshot FROM "Instance"`).get()).toMatchObject({ status: "completed" });
    expect(JSON.parse((testDb(t.engine).prepare(`SELECT snapshot FROM "Instance"`).get() as { snapshot: string }).snapshot).context.outcome).toBe(
      "resolved-after-escalation",
    );
  });

  it("fires each SLA exactly once: the escalated task's own deadline leads to the last output", async () => {
    await t.engine.receive("webchat", chat("v-2", "m-2", "Nobody answers"));
    t.clock.advance(30 * MINUTE);
    await t.engine.fireDueTimers();
    await t.engine.fireDueTimers();
    expect(tasks(t.engine)[0].escalations).toBe(1);
    t.clock.advance(15 * MINUTE);
    await t.engine.fireDueTimers();
    expect(countRows(t.engine, "Instance", "status = 'completed'")).toBe(1);
    expect(countRows(t.engine, "Task", "status = 'open'")).toBe(1); // still there for a person to pick up
  });
});

describe("channel switch through real SQLite", () => {
  const db = useTempDb("handoff");
  const open = () => {
    const clock = fakeClock();
    const webchat = recordingChannel();
    const telegram = recordingChannel({ channel: "telegram" });
    const engine = createEngine({ dbFile: db.file, clock: clock.now, channels: [webchat, telegram], background: false });
    return { engine, clock, webchat, telegram };
  };

  it("a messenger link recognises the customer in Telegram, once, and not after it expires", async () => {
    const { engine, clock, webchat } = open();
    try {
      await publishFlow(engine, "Continue in Telegram", offerFlow({ switchTo: "messenger", confirmation: "Tap:" }));
      const first = await engine.receive("webchat", chat("v-9", "m-1", "where is my parcel?", "Dara"));
      await engine.receive("webchat", chat("v-9", "m-2", "Yes, please"));
      await engine.dispatch();
      const link = webchat.texts().at(-1)!;
      const token = /start=(.+)$/.exec(link)![1];

      const inTelegram = await engine.receive("telegram", chat("tg-555", "tg-1", `/start ${token}`));
      expect(inTelegram.customerId).toBe(first.customerId);
      expect(countRows(engine, "CustomerIdentity", "customerId = ?", first.customerId)).toBe(2);

      // Used: a second address with the same token is a stranger.
      const stranger = await engine.receive("telegram", chat("tg-666", "tg-2", `/start ${token}`));
      expect(stranger.customerId).not.toBe(first.customerId);

      // Expired: a fresh link older than a day does nothing.
      await engine.receive("webchat", chat("v-10", "m-3", "hi"));
      await engine.receive("webchat", chat("v-10", "m-4", "yes, please"));
      await engine.dispatch();
      const late = /start=(.+)$/.exec(webchat.texts().at(-1)!)![1];
      clock.advance(25 * 3600_000);
      expect((await engine.receive("telegram", chat("tg-777", "tg-3", `/start ${late}`))).customerId).not.toBe(first.customerId);
    } finally {
      await engine.close();
    }
  });

  it("a callback lands in the callbacks queue on the chat's conversation with its deadline", async () => {
    const { engine, clock } = open();
    try {
      await publishFlow(engine, "Call me", offerFlow({ switchTo: "callback", slaMinutes: 10 }));
      const chatStart = await engine.receive("webchat", chat("v-1", "m-1", "this is taking forever"));
      await engine.receive("webchat", chat("v-1", "m-2", "yes please"));
      expect(tasks(engine)).toMatchObject([{ queue: "callbacks", priority: 2, conversationId: chatStart.conversationId, dueAt: clock.now() + 10 * MINUTE }]);
    } finally {
      await engine.close();
    }
  });
});
