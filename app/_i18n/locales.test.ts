import { describe, expect, it } from "vitest";
import { matchAcceptLanguage, pickLocale } from "./locales";

describe("the request's locale", () => {
  it("takes the cookie when it names a supported language", () => {
    expect(pickLocale("ru", "en-US,en;q=0.9")).toBe("ru");
    expect(pickLocale("en", "ru-RU")).toBe("en");
  });
  it("ignores an unsupported cookie and falls back to Accept-Language", () => {
    expect(pickLocale("de", "ru-RU,ru;q=0.9,en;q=0.8")).toBe("ru");
  });
  it("picks the best supported language by quality, then order", () => {
    expect(matchAcceptLanguage("de-DE,de;q=0.9,ru;q=0.7,en;q=0.8")).toBe("en");
    expect(matchAcceptLanguage("fr, ru;q=0.5")).toBe("ru");
    expect(matchAcceptLanguage("en;q=0, ru;q=0.1")).toBe("ru");
  });
  it("defaults to English", () => {
    expect(pickLocale(undefined, undefined)).toBe("en");
    expect(pickLocale(undefined, "de-DE,fr;q=0.8")).toBe("en");
    expect(pickLocale(undefined, "*")).toBe("en");
  });
});
