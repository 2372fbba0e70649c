import { describe, expect, it } from "vitest";
import type { FlowLanguage } from "../../../engine/contracts/flow";
import { effectsOf, startFlow } from "../../../engine/testing/flow-harness";
import { compileFlow, NODE_ID, nodeIssues, portsOf, runNode, tinyFlow } from "../../../engine/testing/run-node";

const TYPE = "message.offer-channel-switch";

describe("message.offer-channel-switch", () => {
  it("offers the switch with accept/decline quick replies and a durable answer timer", () => {
    const run = runNode(TYPE, {}, "this is taking forever");
    expect(run.status).toBe("waiting");
    expect(run.effects).toEqual([
      { kind: "message.send", key: "inst-1:1", nodeId: NODE_ID, text: "Would you like us to call you back, Ann?", buttons: ["Yes, please", "No, thanks"] },
      { kind: "timer.set", key: "inst-1:2", nodeId: NODE_ID, delayMs: 300_000 },
    ]);
  });

  it("on accept books a callback task with the conversation's context and confirms", () => {
    const run = runNode(TYPE, { slaMinutes: 10 }, "call me please");
    const step = run.reply("yes, PLEASE");
    expect(run.port).toBe("switched");
    expect(step.effects).toEqual([
      { kind: "timer.cancel", key: "inst-1:3", nodeId: NODE_ID, timerId: "inst-1:2" },
      {
        kind: "task.create",
        key: "inst-1:4",
        nodeId: NODE_ID,
        queue: "callbacks",
        title: "Call back Ann",
        steps: ["Read the conversation so far in the customer card", "Call the customer back", "They asked: call me please"],
        outcomes: ["reached", "not-reached"],
        priority: "high",
        slaMs: 600_000,
      },
      { kind: "message.send", key: "inst-1:5", nodeId: NODE_ID, text: "Thank you! An operator will call you shortly." },
    ]);
    expect(run.state.context.waits).toEqual({});
  });

  it("on accept in messenger mode sends a one-time link whose token is the hand-off", () => {
    const run = runNode(TYPE, { switchTo: "messenger", confirmation: "Continue here:", timeoutSeconds: 0 });
    const step = run.reply("Yes, please");
    const [handoff] = effectsOf(step.effects, "handoff.create");
    expect(handoff).toEqual({ kind: "handoff.create", key: "inst-1:2", nodeId: NODE_ID, token: "inst-1-2", channel: "telegram", ttlMs: 86_400_000 });
    expect(effectsOf(step.effects, "message.send")[0].text).toBe("Continue here:\nhttps://t.me/omniflow_bot?start=inst-1-2");
    expect(run.port).toBe("switched");
  });

  it("words an empty offer and confirmation for where the customer would go", () => {
    const run = runNode(TYPE, { switchTo: "messenger", messenger: "whatsapp", linkBase: "https://wa.me/15550001111?text=", timeoutSeconds: 0 });
    expect(effectsOf(run.effects, "message.send")[0].text).toBe("Shall we continue in WhatsApp, Ann? You'll find this conversation there.");
    run.reply("yes please");
    expect(effectsOf(run.effects, "message.send").at(-1)!.text).toBe("Tap the link to continue in WhatsApp:\nhttps://wa.me/15550001111?text=inst-1-2");
  });

  it("goes to Declined on the decline button or any other reply, keeping the reply as the message", () => {
    const run = runNode(TYPE, {});
    run.reply("where is my parcel?");
    expect(run.port).toBe("declined");
    expect(run.state.context.message?.text).toBe("where is my parcel?");
    expect(effectsOf(run.effects, "task.create")).toEqual([]);
  });

  it("goes to No answer when the timer fires, and has no such output without a timeout", () => {
    const run = runNode(TYPE, {});
    run.fireTimer();
    expect(run.port).toBe("no-answer");
    expect(portsOf(TYPE, { timeoutSeconds: 0 })).toEqual(["switched", "declined"]);
  });

  it("compares emoji buttons as they are: the decline emoji does not book a callback", () => {
    const run = runNode(TYPE, { accept: "👍", decline: "👎" });
    run.reply("👎");
    expect(run.port).toBe("declined");
    expect(runNode(TYPE, { accept: "👍", decline: "👎" }).reply("👍").trail).toContain("sink-1");
  });

  it("refuses equal buttons, a non-https link and bad placeholders, each on its field", () => {
    expect(nodeIssues(TYPE, { accept: "OK", decline: "ok" })).toMatchObject([{ field: "decline" }]);
    expect(nodeIssues(TYPE, { accept: "Yes", decline: "Yes!" })).toMatchObject([{ field: "decline" }]);
    expect(nodeIssues(TYPE, { switchTo: "messenger", linkBase: "http://t.me/x?start=" })).toMatchObject([{ code: "invalid-settings", field: "linkBase" }]);
    expect(nodeIssues(TYPE, { offer: "Hi {{customer.phone}}" })).toMatchObject([{ code: "invalid-settings", field: "offer" }]);
  });

  describe("built-in wording in the flow's language", () => {
    const inFlow = (language: FlowLanguage | undefined, settings: Record<string, unknown>) => ({
      ...tinyFlow(TYPE, settings),
      ...(language && { language }),
    });
    /** The offer, and the confirmation after an accept, that a flow with empty texts sends. */
    const sent = (language: FlowLanguage | undefined, settings: Record<string, unknown>, accept: string, customer?: null) => {
      const run = startFlow(inFlow(language, settings), "hello", customer === null ? { customer: null } : {});
      const offer = effectsOf(run.effects, "message.send")[0].text;
      run.reply(accept);
      return [offer, effectsOf(run.effects, "message.send").at(-1)!.text];
    };
    const messenger = { switchTo: "messenger", messenger: "whatsapp", linkBase: "https://wa.me/15550001111?text=", timeoutSeconds: 0 };

    it("speaks Russian in a Russian flow: the callback and the messenger variants", () => {
      expect(sent("ru", { accept: "Да, пожалуйста", decline: "Нет, спасибо" }, "да пожалуйста")).toEqual([
        "Ann, хотите, мы вам перезвоним?",
        "Спасибо! Оператор скоро вам перезвонит.",
      ]);
      expect(sent("ru", messenger, "Yes, please")).toEqual([
        "Ann, продолжим в WhatsApp? Там вы найдёте эту переписку.",
        "Нажмите на ссылку, чтобы продолжить в WhatsApp:\nhttps://wa.me/15550001111?text=inst-1-2",
      ]);
    });

    it("greets instead of naming an unknown customer", () => {
      expect(sent("ru", {}, "Yes, please", null)[0]).toBe("Здравствуйте, хотите, мы вам перезвоним?");
      expect(sent(undefined, {}, "Yes, please", null)[0]).toBe("Would you like us to call you back, there?");
    });

    it("keeps the flow's own texts in any language", () => {
      expect(sent("ru", { offer: "Перезвонить?", confirmation: "Ждите звонка." }, "Yes, please")).toEqual(["Перезвонить?", "Ждите звонка."]);
    });

    it("speaks English as before in an English flow or one without a language", () => {
      for (const language of [undefined, "en"] as const) {
        expect(sent(language, {}, "Yes, please")).toEqual(["Would you like us to call you back, Ann?", "Thank you! An operator will call you shortly."]);
        expect(sent(language, messenger, "yes please")).toEqual([
          "Shall we continue in WhatsApp, Ann? You'll find this conversation there.",
          "Tap the link to continue in WhatsApp:\nhttps://wa.me/15550001111?text=inst-1-2",
        ]);
      }
    });

    it("compiles a flow without a language exactly as an English one, the empty confirmation left to the run", () => {
      const machine = (language?: FlowLanguage) => JSON.stringify(compileFlow(inFlow(language, {})));
      expect(machine("en")).toBe(machine(undefined));
      expect(machine(undefined)).toContain('"confirmation":""');
      expect(machine("ru")).not.toContain('"confirmation":""');
    });
  });
});
