import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { seedStaff } from "../../prisma/seed";
import { chat, publishFlow, useTestEngine } from "../../engine/testing/test-engine";

const at = { x: 0, y: 0 };

/** "complaint" in the text → a task for complaint specialists who speak Russian; anything else → general support. */
const ROUTING: FlowDocument = {
  nodes: [
    { id: "in", type: "trigger.message-received", position: at, settings: { channel: "webchat" } },
    { id: "kind", type: "logic.text-match", position: at, settings: { rules: [{ match: "keywords", pattern: "complaint" }] } },
    {
      id: "tell",
      type: "routing.notify",
      position: at,
      settings: { audience: "operators", skill: "complaints", level: "warning", title: "Complaint from {{customer.name}}" },
    },
    { id: "expert", type: "routing.operator-task", position: at, settings: { queue: "conflicts", title: "Complaint", skills: ["complaints", "ru"] } },
    { id: "anyone", type: "routing.operator-task", position: at, settings: { queue: "support", title: "Question" } },
    { id: "end", type: "flow.end", position: at, settings: {} },
  ],
  edges: [
    { id: "1", source: "in", sourcePort: "out", target: "kind" },
    { id: "2", source: "kind", sourcePort: "rule-1", target: "tell" },
    { id: "3", source: "tell", sourcePort: "out", target: "expert" },
    { id: "4", source: "kind", sourcePort: "else", target: "anyone" },
    { id: "5", source: "expert", sourcePort: "outcome-done", target: "end" },
    { id: "6", source: "anyone", sourcePort: "outcome-done", target: "end" },
  ],
};

describe("skills-based queues and internal notifications", () => {
  const t = useTestEngine(async ({ engine }) => {
    await seedStaff(engine);
    await publishFlow(engine, "Routing", ROUTING);
  });
  const titles = async (operatorId: string) => (await t.engine.tasks.list({ status: "open", operatorId })).map((task) => task.title).sort();

  it("shows a task only to operators with every skill it needs; supervisors see all", async () => {
    await t.engine.receive("webchat", chat("v-1", "m-1", "I have a complaint", "Irina"));
    await t.engine.receive("webchat", chat("v-2", "m-2", "what are your hours?"));
    expect(await titles("olga-petrova")).toEqual(["Complaint", "Question"]); // complaints + ru + support
    expect(await titles("demo-operator")).toEqual(["Question"]);
    expect(await titles("ravi-shah")).toEqual(["Question"]); // fraud, not complaints
    expect(await titles("sam-lee")).toEqual(["Complaint", "Question"]);
    await expect(t.engine.tasks.list({ status: "open", operatorId: "nobody" })).rejects.toThrow("operator nobody not found");
  });

  it("lets a person open, work and complete only the tasks they may take, by the same rule the queue uses", async () => {
    await t.engine.receive("webchat", chat("v-1", "m-1", "I have a complaint", "Irina"));
    const [task] = await t.engine.tasks.list({ status: "open", operatorId: "sam-lee" });
    const lacking = "lacks the skills this task needs: complaints, ru";
    await expect(t.engine.tasks.get(task.id, "demo-operator")).rejects.toThrow(lacking);
    await expect(t.engine.tasks.get(task.id, "ravi-shah")).rejects.toThrow(lacking);
    await expect(t.engine.tasks.toggleStep(task.id, 0, true, "demo-operator")).rejects.toThrow(lacking);
    await expect(t.engine.replyToTask(task.id, "hello", "demo-operator")).rejects.toThrow(lacking);
    await expect(t.engine.completeTask(task.id, "done", "demo-operator")).rejects.toThrow(lacking);
    expect((await t.engine.tasks.get(task.id, "olga-petrova")).id).toBe(task.id);
    expect((await t.engine.tasks.get(task.id, "sam-lee")).id).toBe(task.id);
    expect((await t.engine.tasks.get(task.id)).id).toBe(task.id);
  });

  it("fills an operator's page with what they can take, however many more urgent tasks need other skills", async () => {
    for (let i = 0; i < 510; i++) await t.engine.receive("webchat", chat(`v-${i}`, `m-${i}`, "complaint"));
    await t.engine.receive("webchat", chat("v-q", "m-q", "a question"));
    expect(await titles("demo-operator")).toEqual(["Question"]);
    expect(await titles("olga-petrova")).toHaveLength(200);
  });

  it("delivers a notification to operators with the skill and to supervisors, until acknowledged", async () => {
    await t.engine.receive("webchat", chat("v-1", "m-1", "complaint!", "Irina"));
    expect((await t.engine.staff.notifications("olga-petrova")).map((n) => n.title)).toEqual(["Complaint from Irina"]);
    expect(await t.engine.staff.notifications("demo-operator")).toEqual([]);
    const [note] = await t.engine.staff.notifications("sam-lee");
    await expect(t.engine.staff.acknowledge(note.id, "demo-operator")).rejects.toThrow("not for you");
    await t.engine.staff.acknowledge(note.id, "olga-petrova");
    expect(await t.engine.staff.notifications("sam-lee")).toEqual([]);
  });
});
