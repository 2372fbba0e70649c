import { describe, expect, it } from "vitest";
import { installedChannels } from "@/engine/channels/registry";
import { fieldLabel } from "./channel-settings-form";

describe("a channel setting's label", () => {
  it("reads as the provider's console writes it, not as a code name", () => {
    expect(["smtpHost", "phoneNumberId", "baseUrl", "apiVersion", "accountSid", "botToken", "fromAddress"].map(fieldLabel)).toEqual([
      "SMTP host",
      "Phone number ID",
      "Base URL",
      "API version",
      "Account SID",
      "Bot token",
      "From address",
    ]);
  });

  it("is words for every installed channel's every setting", () => {
    for (const module of installedChannels.values()) {
      const shape = (module.settingsSchema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
      for (const name of Object.keys(shape)) expect(fieldLabel(name)).toMatch(/^[A-Z][A-Za-z]*( [A-Za-z0-9]+)*$/);
    }
  });
});
