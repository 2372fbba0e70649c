import type messages from "./messages/en.json";
import type { Locale } from "./locales";

// Typed keys and ICU arguments: `t("…")` with a key missing from en.json fails `tsc`.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
