import { describe, expect, it } from "vitest";
import { seedDemo } from "../../prisma/seed";
import { chat, countRows, instanceRow, outboxRows, stepLog, useTestEngine } from "../../engine/testing/test-engine";

const t = useTestEngine(({ engine }) => seedDemo(engine));

describe("the demo flow on SQLite", () => {
  it("answers, hands over to an operator, and ends when the operator completes the task", async () => {
    const { engine, channel } = t;
    const received = await engine.receive("webchat", chat("visitor-1", "m-1", "My invoice is wrong", "Ann"));
    expect(received).toMatchObject({ duplicate: false, instanceId: expect.any(String), conversationId: expect.any(String) });
    const instanceId = received.instanceId!;

    await engine.dispatch();
    expect(channel.texts()).toEqual(["Hello Ann, this is Omniflow support.", "Let me find a colleague for you, one moment."]);
    expect(channel.sent.map((m) => m.key)).toEqual([`${instanceId}:1`, `${instanceId}:2`]);
    expect(channel.sent.every((m) => m.address === "visitor-1" && m.conversationId === received.conversationId)).toBe(true);

    const [task] = await engine.tasks.list({ status: "open" });
    expect(task).toMatchObject({ title: "Ann asks: My invoice is wrong", queue: "support", customerName: "Ann" });
    expect(instanceRow(engine, instanceId)).toMatchObject({ status: "waiting", state: "n_task", stepCount: 1 });

    await engine.completeTask(task.id, "resolved", "demo-operator");
    await engine.dispatch();
    expect(channel.texts().at(-1)).toBe("Glad we could help. Have a good day!");
    expect(channel.sent).toHaveLength(3);

    expect(instanceRow(engine, instanceId)).toMatchObject({ status: "completed", state: "n_resolved", stepCount: 2 });
    const instance = await engine.instances.get(instanceId);
    expect(instance.path).toEqual(["start", "thank-you", "greet", "by-phone", "topic", "handover", "task", "thanks", "resolved"]);
    expect(stepLog(engine, instanceId).map((s) => [s.step, s.type])).toEqual([
      [1, "message.received"],
      [2, "task.completed"],
    ]);
    expect(await engine.tasks.get(task.id)).toMatchObject({ status: "completed", outcome: "resolved" });

    expect(outboxRows(engine).map((r) => r.status)).toEqual(["done", "done", "done"]);
    const { messages } = await engine.conversationFor("webchat", "visitor-1");
    expect(messages.map((m) => [m.direction, m.author])).toEqual([
      ["in", "customer"],
      ["out", "bot"],
      ["out", "bot"],
      ["out", "bot"],
    ]);
  });

  it("answers a Russian question about hours without an operator", async () => {
    const { engine, channel } = t;
    const { instanceId } = await t.engine.receive("webchat", chat("visitor-2", "m-1", "Какие у вас часы работы?"));
    await engine.dispatch();
    expect(channel.texts()).toEqual(["Hello there, this is Omniflow support.", "We are open Monday to Friday, 9:00-18:00 CET."]);
    expect(instanceRow(engine, instanceId!)).toMatchObject({ status: "completed", state: "n_answered" });
    expect(countRows(engine, "Task")).toBe(0);
  });

  it("refuses an outcome the task does not offer, a second completion, and a reply after it", async () => {
    const { engine } = t;
    const { instanceId } = await engine.receive("webchat", chat("visitor-3", "m-1", "help"));
    const [task] = await engine.tasks.list({ status: "open" });
    await expect(engine.completeTask(task.id, "maybe")).rejects.toMatchObject({ name: "EngineInputError", field: "outcome" });
    await engine.completeTask(task.id, "unresolved");
    await expect(engine.completeTask(task.id, "resolved")).rejects.toMatchObject({ name: "EngineInputError", message: "this task is already completed" });
    // The flow went on (it said goodbye and ended): a late reply from the task would cut across it.
    await expect(engine.replyToTask(task.id, "One more thing")).rejects.toMatchObject({ name: "EngineInputError", code: "task.completed-reply" });
    expect(instanceRow(engine, instanceId!)).toMatchObject({ status: "completed", state: "n_unresolved", stepCount: 2 });
  });

  it("answers a thank-you after a resolved task briefly: no second greeting, no new task", async () => {
    const { engine, channel } = t;
    await engine.receive("webchat", chat("visitor-4", "m-1", "My parcel is lost", "Ann"));
    const [task] = await engine.tasks.list({ status: "open" });
    await engine.completeTask(task.id, "resolved");
    const { instanceId } = await engine.receive("webchat", chat("visitor-4", "m-2", "Thank you!"));
    await engine.dispatch();
    expect(channel.texts().at(-1)).toBe("You are welcome! Write to us any time.");
    expect(channel.texts().filter((text) => text.startsWith("Hello"))).toHaveLength(1);
    expect(await engine.tasks.list({ status: "open" })).toEqual([]);
    expect(instanceRow(engine, instanceId!)).toMatchObject({ status: "completed", state: "n_thanked" });
  });

  it("takes a thank-you with an emoji as one, and a complaint that ends in «спасибо» to an operator", async () => {
    const { engine, channel } = t;
    const thanks = await engine.receive("webchat", chat("visitor-6", "m-1", "Thank you 🙂"));
    expect(instanceRow(engine, thanks.instanceId!)).toMatchObject({ status: "completed", state: "n_thanked" });
    const complaint = await engine.receive("webchat", chat("visitor-7", "m-1", "Ваш сервис ужасен, деньги списали дважды, спасибо"));
    await engine.dispatch();
    expect(instanceRow(engine, complaint.instanceId!)).toMatchObject({ status: "waiting", state: "n_task" });
    expect((await engine.tasks.list({ status: "open" })).map((task) => task.title)).toEqual([
      "A customer asks: Ваш сервис ужасен, деньги списали дважды, спасибо",
    ]);
    expect(channel.texts()).toContain("Let me find a colleague for you, one moment.");
  });

  it("calls a visitor known only by the e-mail they left by it, and says which channel they wait on", async () => {
    const { engine } = t;
    await engine.receive("webchat", chat("visitor-5", "m-1", "Where is my refund?"));
    const [listed] = await engine.tasks.list({ status: "open" });
    expect(listed).toMatchObject({ title: "A customer asks: Where is my refund?", customerName: null, channel: "webchat" });
    const { customer } = await engine.tasks.get(listed.id);
    await engine.identify(customer!.id, { kind: "email", value: "Refund.Seeker@example.com" });

    const [task] = await engine.tasks.list({ status: "open" });
    expect(task).toMatchObject({ customerName: "refund.seeker@example.com", channel: "webchat" });
    expect((await engine.tasks.get(task.id)).customer).toMatchObject({ name: null, knownAs: "refund.seeker@example.com" });
    const found = await engine.customers.search({ query: "refund.seeker" });
    expect(found.customers.map((c) => [c.name, c.knownAs])).toEqual([[null, "refund.seeker@example.com"]]);
  });
});
