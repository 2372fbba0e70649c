import { describe, expect, it } from "vitest";
import { formatDuration } from "../contracts/format";
import { describeEffect, type EffectKind, type EffectOf } from "./registry";

type Sample<K extends EffectKind> = { effect: EffectOf<K>; simulated?: boolean; en: string };

const flowName = (id: string) => (id === "flow-1" ? "Refunds" : id);

/** Every effect kind (the type makes a new kind add its samples), with today's English exactly. */
const samples: { [K in EffectKind]: Sample<K>[] } = {
  "message.send": [
    { effect: { kind: "message.send", key: "k1", nodeId: "greet", text: "Hello! How can we help?" }, en: "Send “Hello! How can we help?”" },
    {
      effect: { kind: "message.send", key: "k1b", nodeId: "greet", text: "Was it you?", channel: "sms", buttons: ["Yes", "No"] },
      en: "Send “Was it you?” via sms [Yes | No]",
    },
  ],
  "timer.set": [
    { effect: { kind: "timer.set", key: "k2", nodeId: "wait", delayMs: 30 * 60_000 }, en: "Timer set for 30 min" },
    { effect: { kind: "timer.set", key: "k2b", nodeId: "wait", delayMs: 2 * 3_600_000 + 5 * 60_000 }, en: "Timer set for 2 h 5 min" },
  ],
  "timer.cancel": [{ effect: { kind: "timer.cancel", key: "k3", nodeId: "wait", timerId: "t1" }, en: "Timer cancelled" }],
  "http.request": [
    {
      effect: {
        kind: "http.request",
        key: "k4",
        nodeId: "api",
        method: "POST",
        url: "https://crm.example.com/api",
        headers: {},
        body: null,
        timeoutMs: 10_000,
        retries: 2,
      },
      en: "POST https://crm.example.com/api",
    },
    {
      effect: {
        kind: "http.request",
        key: "k4",
        nodeId: "api",
        method: "POST",
        url: "https://crm.example.com/api",
        headers: {},
        body: null,
        timeoutMs: 10_000,
        retries: 2,
      },
      simulated: true,
      en: "POST https://crm.example.com/api (simulated: answer it with an API answer step)",
    },
  ],
  "task.create": [
    {
      effect: {
        kind: "task.create",
        key: "k5",
        nodeId: "task",
        queue: "billing",
        title: "Check the refund",
        steps: [],
        outcomes: ["done"],
        priority: "high",
        slaMs: 3_600_000,
      },
      en: "Task “Check the refund” in queue billing",
    },
    {
      effect: {
        kind: "task.create",
        key: "k5b",
        nodeId: "task",
        queue: "billing",
        title: "Check the refund",
        steps: [],
        outcomes: ["done"],
        priority: "high",
        slaMs: 0,
        skills: ["refunds", "english"],
      },
      en: "Task “Check the refund” in queue billing (needs refunds, english)",
    },
  ],
  "task.escalate": [
    {
      effect: {
        kind: "task.escalate",
        key: "k6",
        nodeId: "sla",
        taskId: "task-1",
        queue: "supervisors",
        priority: "urgent",
        slaMs: 600_000,
        note: "SLA breached",
      },
      en: "Task moved to supervisors (urgent): SLA breached",
    },
  ],
  "notification.create": [
    {
      effect: { kind: "notification.create", key: "k7", nodeId: "alert", audience: "supervisors", level: "warning", title: "Angry customer", body: "" },
      en: "Notifies supervisors (warning): Angry customer",
    },
    {
      effect: { kind: "notification.create", key: "k7b", nodeId: "alert", audience: "skill:refunds", level: "info", title: "New refund", body: "" },
      en: "Notifies skill:refunds (info): New refund",
    },
    {
      effect: { kind: "notification.create", key: "k7c", nodeId: "alert", audience: "operators", level: "critical", title: "Outage", body: "" },
      en: "Notifies operators (critical): Outage",
    },
  ],
  "handoff.create": [
    {
      effect: { kind: "handoff.create", key: "k8", nodeId: "handoff", token: "tok", channel: "webchat", ttlMs: 86_400_000 },
      en: "One-time webchat link created",
    },
  ],
  "wait.abandon": [
    { effect: { kind: "wait.abandon", key: "k9", nodeId: "join", keys: ["a"] }, en: "Stopped branches: 1 wait cancelled" },
    { effect: { kind: "wait.abandon", key: "k9b", nodeId: "join", keys: ["a", "b", "c"] }, en: "Stopped branches: 3 waits cancelled" },
  ],
  "subflow.start": [
    { effect: { kind: "subflow.start", key: "k10", nodeId: "call", flowId: "flow-1", inputs: {} }, en: "Calls flow Refunds" },
    {
      effect: { kind: "subflow.start", key: "k10", nodeId: "call", flowId: "flow-1", inputs: {} },
      simulated: true,
      en: "Calls flow Refunds (simulated: answer it with a subflow result step)",
    },
  ],
  "customer.update": [
    { effect: { kind: "customer.update", key: "k11", nodeId: "crm", fields: { email: "a@b.c", vip: true } }, en: "Customer fields: email, vip" },
  ],
  "case.upsert": [
    {
      effect: {
        kind: "case.upsert",
        key: "k12",
        nodeId: "case",
        caseId: "c1",
        type: "complaint",
        status: "open",
        priority: "normal",
        subject: "Late delivery",
        details: {},
      },
      en: "Case complaint (open): Late delivery",
    },
  ],
};

const all = Object.values(samples).flat() as Sample<EffectKind>[];

describe("describeEffect in the reader's language", () => {
  it.each(all.map((s) => [`${s.effect.kind}${s.simulated ? " (simulated)" : ""}: ${s.en}`, s] as const))("%s", (_name, s) => {
    const options = { flowName, simulated: s.simulated ?? false };
    expect(describeEffect(s.effect, { ...options, locale: "en" })).toBe(s.en);
    const ru = describeEffect(s.effect, { ...options, locale: "ru" });
    expect(ru).not.toBe("");
    expect(ru).toMatch(/[а-яё]/i);
    expect(ru).not.toBe(s.en);
  });

  it("words the Russian as a contact-centre team reads it", () => {
    const ru = (s: Sample<EffectKind>) => describeEffect(s.effect, { flowName, simulated: s.simulated ?? false, locale: "ru" });
    expect(ru(samples["task.create"][0] as Sample<EffectKind>)).toBe("Задача «Check the refund» в очереди billing");
    expect(ru(samples["timer.set"][0] as Sample<EffectKind>)).toBe("Таймер на 30 мин");
    expect(ru(samples["notification.create"][0] as Sample<EffectKind>)).toBe("Уведомление для супервизоров (предупреждение): Angry customer");
    expect(ru(samples["subflow.start"][0] as Sample<EffectKind>)).toBe("Вызов сценария Refunds");
    expect(ru(samples["message.send"][0] as Sample<EffectKind>)).toBe("Отправить «Hello! How can we help?»");
    expect(ru(samples["wait.abandon"][1] as Sample<EffectKind>)).toBe("Ветки остановлены: отменены 3 ожидания");
  });

  it("names an effect that no longer fits its schema by its kind, in any language", () => {
    expect(describeEffect({ kind: "timer.set" }, { flowName, simulated: false, locale: "ru" })).toBe("timer.set");
  });
});

describe("formatDuration", () => {
  const cases: [number, string, string][] = [
    [0, "0 s", "0 с"],
    [400, "0 s", "0 с"],
    [500, "1 s", "1 с"],
    [30_000, "30 s", "30 с"],
    [90_000, "1 min 30 s", "1 мин 30 с"],
    [3_600_000, "1 h", "1 ч"],
    [7_500_000, "2 h 5 min", "2 ч 5 мин"],
    [86_400_000, "1 d", "1 д"],
    [90_061_000, "1 d 1 h", "1 д 1 ч"],
  ];
  it.each(cases)("%d ms: %s / %s", (ms, en, ru) => {
    expect(formatDuration(ms, "en")).toBe(en);
    expect(formatDuration(ms, "ru")).toBe(ru);
  });
});
