import { describe, expect, it } from "vitest";
import { readableError } from "./error-notice";

const fieldsError = (fields: unknown[]) => ({ message: "raw", data: { fields } });

describe("readableError", () => {
  const tooLong = {
    field: "name",
    message: "too long: at most 120 characters",
    code: "input.too-long",
    params: { limit: 120, characters: { en: "120 characters", ru: "120 символов" } },
  };

  it("shows one field's problem alone, in the reader's language (its form shows it by the field)", () => {
    expect(readableError(fieldsError([tooLong]), "en")).toBe("too long: at most 120 characters");
    expect(readableError(fieldsError([tooLong]), "ru")).toBe("слишком длинно: не больше 120 символов");
  });

  it("names each field when several are wrong", () => {
    const required = { field: "text", message: "required", code: "input.required", params: {} };
    expect(readableError(fieldsError([tooLong, required]), "ru")).toBe("name: слишком длинно: не больше 120 символов; text: обязательное поле");
  });
});
