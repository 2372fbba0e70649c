import { describe, expect, it } from "vitest";
import { ERROR_TEXTS, type EngineErrorCode, type ErrorParams, errorText, fillErrorText } from "../../engine/contracts/error-texts";
import { EngineInputError, inputError } from "../../engine/contracts/errors";

const codes = Object.keys(ERROR_TEXTS.en) as EngineErrorCode[];
const placeholders = (text: string) => [...text.matchAll(/\{([A-Za-z]\w*)\}/g)].map((m) => m[1]).sort();
/** A value for every parameter a code's English text names, recognisable in the output. */
const sample = (code: EngineErrorCode): ErrorParams => Object.fromEntries(placeholders(ERROR_TEXTS.en[code]).map((name) => [name, `<${name}>`]));

describe("engine error texts", () => {
  it("has a Russian text for every code, in Cyrillic, with the same parameters as the English", () => {
    expect(Object.keys(ERROR_TEXTS.ru).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(ERROR_TEXTS.ru[code], code).toMatch(/[а-яё]/i);
      expect(placeholders(ERROR_TEXTS.ru[code]), code).toEqual(placeholders(ERROR_TEXTS.en[code]));
    }
  });

  it("renders English as the error's own message, and Russian with every parameter filled", () => {
    for (const code of codes) {
      const error = new EngineInputError(code, sample(code) as never, "field");
      expect(error.message, code).toBe(fillErrorText(ERROR_TEXTS.en[code], sample(code)));
      expect(errorText(error, "en"), code).toBe(error.message);
      const ru = errorText(error, "ru");
      expect(ru, code).not.toBe(error.message);
      expect(ru, code).toMatch(/[а-яё]/i);
      expect(ru, code).not.toMatch(/\{[A-Za-z]\w*\}/);
      for (const value of Object.values(sample(code))) expect(ru, code).toContain(String(value));
    }
  });

  it("words the common refusals naturally", () => {
    expect(errorText(inputError("task.skills-missing", { name: "Demo Operator", skills: "complaints, ru" }), "ru")).toBe(
      "У оператора Demo Operator нет навыков, нужных для этой задачи: complaints, ru",
    );
    expect(errorText(inputError("task.completed", {}), "ru")).toBe("Задача уже завершена");
    expect(errorText(inputError("operator.not-found", { operatorId: "nobody" }), "ru")).toBe("Оператор nobody не найден");
  });

  it("falls back to the English message for an unknown code, a missing parameter or an unknown language", () => {
    expect(errorText({ code: "nope", params: {}, message: "odd" }, "ru")).toBe("odd");
    expect(errorText({ message: "no code" }, "ru")).toBe("no code");
    expect(errorText({ code: "task.not-found", params: {}, message: "task ? not found" }, "ru")).toBe("task ? not found");
    expect(errorText({ code: "task.not-found", params: { taskId: "t1" }, message: "task t1 not found" }, "de")).toBe("task t1 not found");
  });

  it("checks parameters at the throw site", () => {
    // @ts-expect-error taskId is required
    expect(inputError("task.not-found", {}).message).toBe("task {taskId} not found");
    expect(inputError("task.not-found", { taskId: "t1" }, "taskId")).toMatchObject({ code: "task.not-found", params: { taskId: "t1" }, field: "taskId" });
  });
});
