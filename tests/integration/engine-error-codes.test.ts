import { describe, expect, it } from "vitest";
import { type EngineErrorCode, type ErrorParams, errorText } from "../../engine/contracts/error-texts";
import { seedDemo } from "../../prisma/seed";
import { chat, useTestEngine } from "../../engine/testing/test-engine";

/** What a refused call threw. */
async function refusal(run: () => unknown): Promise<Error & { code?: string; params?: ErrorParams; field?: string }> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("the call was not refused");
}

/**
 * The refusal carries its code, params and field; its message is the English text of that code
 * (what the existing tests assert), and it reads in Russian with every parameter in place.
 */
async function expectCoded(run: () => unknown, code: EngineErrorCode, params: ErrorParams, field: string, message?: string) {
  const error = await refusal(run);
  expect(error).toMatchObject({ name: "EngineInputError", code, params, field });
  if (message !== undefined) expect(error.message).toBe(message);
  expect(errorText({ code: error.code, params: error.params, message: error.message }, "en")).toBe(error.message);
  const ru = errorText({ code: error.code, params: error.params, message: error.message }, "ru");
  expect(ru).toMatch(/[а-яё]/i);
  for (const value of Object.values(params)) expect(ru).toContain(String(value));
  return ru;
}

describe("engine refusals are codes with params", () => {
  const t = useTestEngine(({ engine }) => seedDemo(engine));

  it("words a broken flow file in the reader's language throughout, the English for machines", async () => {
    const error = await refusal(() => t.engine.flows.importFlow({ format: "omniflow.flow", formatVersion: 1, name: 42, document: { nodes: [], edges: [] } }));
    expect(error).toMatchObject({ code: "flow.file-invalid", field: "name" });
    expect(error.message).toMatch(/^Not an Omniflow flow file: name: Invalid input: expected string/);
    const ru = errorText({ code: error.code, params: error.params, message: error.message }, "ru");
    expect(ru).toMatch(/^Это не файл сценария Omniflow: name: [А-Яа-яё]/);
    expect(ru).not.toMatch(/expected|Invalid/);
  });

  it("tasks: unknown operator, missing outcome, second completion, unknown task, a step that is not there", async () => {
    const { engine } = t;
    await expectCoded(
      () => engine.tasks.list({ status: "open", operatorId: "nobody" }),
      "operator.not-found",
      { operatorId: "nobody" },
      "operatorId",
      "operator nobody not found",
    );
    await engine.receive("webchat", chat("visitor-1", "m-1", "help"));
    const [task] = await engine.tasks.list({ status: "open" });
    await expectCoded(() => engine.completeTask(task.id, "maybe"), "task.outcome-unknown", { outcome: "maybe", outcomes: "resolved, unresolved" }, "outcome");
    await expectCoded(() => engine.tasks.toggleStep(task.id, 99, true), "task.no-step", { step: 100 }, "index", "task has no step 100");
    await engine.completeTask(task.id, "unresolved");
    const ru = await expectCoded(() => engine.completeTask(task.id, "resolved"), "task.completed", {}, "taskId", "this task is already completed");
    expect(ru).toBe("Задача уже завершена");
    await expectCoded(() => engine.tasks.toggleStep(task.id, 0, true), "task.completed", {}, "taskId", "this task is already completed");
    await expectCoded(() => engine.completeTask("t-none", "resolved"), "task.not-found", { taskId: "t-none" }, "taskId", "task t-none not found");
  });

  it("flows, versions, instances, templates, hooks, customers and channels", async () => {
    const { engine } = t;
    await expectCoded(() => engine.flows.get("f-none"), "flow.not-found", { flowId: "f-none" }, "flowId", "flow f-none not found");
    await expectCoded(() => engine.flows.version("v-none"), "version.not-found", { versionId: "v-none" }, "versionId", "version v-none not found");
    await expectCoded(() => engine.instances.get("i-none"), "instance.not-found", { instanceId: "i-none" }, "instanceId", "instance i-none not found");
    await expectCoded(() => engine.flows.createFromTemplate("nope", "ru"), "template.unknown", { templateId: "nope" }, "templateId", 'no template "nope"');
    await expectCoded(() => engine.flows.createFromTemplate("support-chat", "de"), "template.language", { language: "de", languages: "en, ru" }, "language");
    await expectCoded(() => engine.receiveWebhook("order-lost", { payload: {} }, "key-a"), "hook.unknown", { hook: "order-lost" }, "hook");
    const [flow] = await engine.flows.list();
    await expectCoded(() => engine.startForCustomer(flow.id, "c-none", "demo-operator"), "customer.not-found", { customerId: "c-none" }, "customerId");
    await expectCoded(() => engine.receive("telegram" as never, {}), "unknown_channel", { channel: "telegram" }, "channel", 'No channel "telegram".');
  });
});
