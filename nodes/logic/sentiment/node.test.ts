import { describe, expect, it } from "vitest";
import { NODE_ID, nodeIssues, portsOf, runNode, TRIGGER_ID } from "../../../engine/testing/run-node";
import { russianScore, sentimentScore } from "./score";

const TYPE = "logic.sentiment";
const settings = { negativeBelow: -1, positiveAbove: 1 };

describe("logic.sentiment", () => {
  it("has negative, neutral and positive outputs", () => {
    expect(portsOf(TYPE, settings)).toEqual(["negative", "neutral", "positive"]);
  });

  it.each([
    ["Это ужасно, верните деньги!", "negative"],
    ["Отвратительный сервис, буду писать жалобу", "negative"],
    ["Сколько можно ждать?!", "negative"],
    ["Ничего не работает уже третий день", "negative"],
    ["This is terrible, I want a refund", "negative"],
    ["Спасибо, всё отлично!", "positive"],
    ["Вы мне очень помогли, благодарю", "positive"],
    ["Great service, thank you!", "positive"],
    ["Здравствуйте, какой у вас график работы?", "neutral"],
    ["Добрый день, у меня вопрос по тарифу", "neutral"],
    ["What are your opening hours?", "neutral"],
    ["", "neutral"],
  ])("routes %j to %s", (text, port) => {
    const run = runNode(TYPE, settings, text);
    expect(run.port).toBe(port);
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID, `sink-${portsOf(TYPE, settings).indexOf(port) + 1}`]);
    expect(run.effects).toEqual([]);
  });

  it.each([
    ["Не очень хорошо", "negative"],
    ["не нравится", "negative"],
    ["не плохо", "positive"],
    ["Без проблем, спасибо", "positive"],
    ["not good", "negative"],
    ["I don't like it", "negative"],
  ])("handles negation: %j is %s", (text, port) => {
    expect(runNode(TYPE, settings, text).port).toBe(port);
  });

  it("matches Russian word forms by their beginnings", () => {
    expect(russianScore("ужасно")).toBe(russianScore("ужасный"));
    expect(russianScore("верните деньги")).toBe(russianScore("вернуть деньги"));
    expect(russianScore("судя по всему")).toBe(0); // not "суд"
  });

  it("writes the label and the score into vars", () => {
    const { vars } = runNode(TYPE, settings, "Это ужасно, верните деньги!").state.context;
    expect(vars).toMatchObject({ sentiment: "negative", sentimentScore: sentimentScore("Это ужасно, верните деньги!") });
    expect(vars.sentimentScore).toBeLessThan(-1);
  });

  it("follows the thresholds", () => {
    expect(runNode(TYPE, { negativeBelow: -10, positiveAbove: 10 }, "Это ужасно").port).toBe("neutral");
    expect(runNode(TYPE, { negativeBelow: 0, positiveAbove: 0 }, "норм").port).toBe("positive");
  });

  it("rejects thresholds that overlap, pinned to negativeBelow", () => {
    expect(nodeIssues(TYPE, { negativeBelow: 2, positiveAbove: 1 })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "negativeBelow" }]);
  });
});
