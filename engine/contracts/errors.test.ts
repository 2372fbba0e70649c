import { describe, expect, it } from "vitest";
import { errorText } from "./error-texts";
import { errorWords, wordedError } from "./errors";
import { isRequestRefused, RequestRefused } from "./outbound";

describe("wordedError", () => {
  it("keeps the class its handler reads, with the English text as its message and the code and params beside it", () => {
    const error = wordedError(RequestRefused, "email.smtp-refused", { said: "550 5.1.1 User unknown" });
    expect(isRequestRefused(error)).toBe(true);
    expect(error).toMatchObject({ message: "the SMTP server refused the message: 550 5.1.1 User unknown", code: "email.smtp-refused" });
    expect(errorText(error, "ru")).toBe("SMTP-сервер отказался принять письмо: 550 5.1.1 User unknown");
  });
});

describe("errorWords", () => {
  it("carries a worded error's code and params as plain data, which a page words in Russian", () => {
    const words = errorWords(wordedError(Error, "vk.refused", { said: "Access denied", errorCode: 15 }));
    expect(words).toEqual({
      message: "VK refused messages.send: Access denied (error 15)",
      code: "vk.refused",
      params: { said: "Access denied", errorCode: 15 },
    });
    expect(errorText(words, "ru")).toBe("ВКонтакте отклонил messages.send: Access denied (ошибка 15)");
  });

  it("drops a library's own error codes (they are not ours to word) and keeps its message", () => {
    const nodemailer = Object.assign(new Error("Invalid login: 535 Authentication failed"), { code: "EAUTH" });
    expect(errorWords(nodemailer)).toEqual({ message: "Invalid login: 535 Authentication failed", code: null, params: null });
    expect(errorText(errorWords(nodemailer), "ru")).toBe("Invalid login: 535 Authentication failed");
    expect(errorWords("odd")).toEqual({ message: "odd", code: null, params: null });
  });
});
