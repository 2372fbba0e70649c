import { describe, expect, it } from "vitest";
import { emailSettingsFromEnv } from "./env";
import { settingsSchema } from "./settings";

describe("e-mail settings from the environment", () => {
  it("is off without OMNIFLOW_EMAIL_FROM", () => {
    expect(emailSettingsFromEnv({ OMNIFLOW_SMTP_PORT: "2525" })).toBeUndefined();
  });

  it("reads the SMTP URL (credentials decoded, smtps on 465), the domains and the listener", () => {
    const settings = emailSettingsFromEnv({
      OMNIFLOW_EMAIL_FROM: "support@acme.test",
      OMNIFLOW_EMAIL_SMTP_URL: "smtps://mailer%40acme.test:p%3Ass@smtp.acme.test",
      OMNIFLOW_EMAIL_WEBHOOK_SECRET: "0123456789abcdef0123",
      OMNIFLOW_EMAIL_DOMAINS: "acme.test, help@acme.example",
      OMNIFLOW_SMTP_PORT: "2525",
    });
    expect(settingsSchema.parse(settings)).toMatchObject({
      smtpHost: "smtp.acme.test",
      smtpPort: 465,
      smtpSecure: true,
      smtpUser: "mailer@acme.test",
      smtpPassword: "p:ss",
      recipients: ["acme.test", "help@acme.example"],
      listenPort: 2525,
      listenHost: "127.0.0.1",
    });
  });

  it("a missing secret is named by the schema", () => {
    const result = settingsSchema.safeParse(emailSettingsFromEnv({ OMNIFLOW_EMAIL_FROM: "support@acme.test" }));
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["webhookSecret"]);
  });
});
