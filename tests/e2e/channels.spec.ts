import { expect, type Page, test } from "@playwright/test";
import { DESKTOP } from "./support/app";
import { DEMO, signedInPage } from "./support/auth";

// Settings → Channels as the administrator uses it (the default signed-in account) on the demo, where every channel runs in sandbox mode.
test.use({ viewport: DESKTOP });

const screen = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/channels-${name}.png`, fullPage: true });

/** The channels that need a provider's settings: the demo runs each against its fake provider. */
const SANDBOXED = ["email", "sms", "telegram", "whatsapp", "vk", "viber"];

test("the administrator sees every channel's mode and webhook URL, sends a test on Telegram, turns SMS off and back to sandbox", async ({ page, baseURL }) => {
  await page.goto("/");
  await page.getByTestId("nav-settings").click(); // Channels: the first of the settings tabs
  await expect(page).toHaveURL(/\/settings\/channels$/);
  await expect(page.getByTestId("nav-channels")).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Channels");
  await expect(page).toHaveTitle(/Channels/);

  // Web chat is built in: live, with no provider to call a webhook and nothing to test; every other channel answers from its fake provider.
  const webchat = page.getByTestId("channel-webchat");
  await expect(webchat.getByRole("heading", { level: 2 })).toHaveText("Web chat");
  await expect(page.getByTestId("channel-webchat-mode")).toHaveText("Live");
  await expect(webchat).toContainText("Built into Omniflow");
  await expect(webchat.getByTestId("channel-webchat-webhook")).toHaveCount(0);
  await expect(webchat.getByRole("button")).toHaveCount(0);
  for (const channel of SANDBOXED) {
    await expect(page.getByTestId(`channel-${channel}-mode`)).toHaveText("Sandbox");
    await expect(page.getByTestId(`channel-${channel}`)).toContainText("Runs against its fake provider");
    // The URL to paste into the provider: this server's own.
    await expect(page.getByTestId(`channel-${channel}-webhook`)).toHaveText(`${baseURL}/api/channels/${channel}/inbound`);
  }
  await expect(page.getByTestId("channel-sms").getByRole("heading", { level: 2 })).toHaveText("SMS");
  await screen(page, "sandbox");

  // Telegram delivers only to someone who wrote to the bot first: the page says so, and the fake Bot API refuses as Telegram does.
  const telegram = page.getByTestId("channel-telegram");
  await expect(telegram.getByTestId("channel-telegram-test-hint")).toHaveText(/^Telegram delivers only to someone who has written to you first\./);
  await expect(telegram.getByTestId("channel-telegram-test-address")).toHaveValue("100200300");
  await telegram.getByLabel("Text").fill("Hello from the channels spec");
  await telegram.getByTestId("channel-telegram-test-send").click();
  const result = telegram.getByTestId("channel-telegram-test-result");
  await expect(result).toHaveText("Not sent: Telegram refused sendMessage (400): Bad Request: chat not found");
  await screen(page, "telegram-test-refused");

  // So the administrator writes to the bot as that customer on the Sandbox page, and comes back.
  await page.getByTestId("nav-sandbox").click();
  await page.getByTestId("sandbox-tab-telegram").click();
  const phone = page.getByTestId("sandbox-telegram");
  await expect(phone.getByTestId("sandbox-address")).toHaveValue("100200300");
  await phone.getByTestId("sandbox-input").fill("/start");
  await phone.getByTestId("sandbox-send").click();
  await expect(phone.getByTestId("sandbox-line-customer")).toHaveText([/\/start/]);
  // The demo's Support chat answers on every channel.
  await expect(phone.getByTestId("sandbox-line-flow").first()).toContainText("this is Omniflow support.");
  await page.getByTestId("nav-settings").click();
  await telegram.getByLabel("Text").fill("Hello from the channels spec");
  await telegram.getByTestId("channel-telegram-test-send").click();
  await expect(result).toHaveText(/^Sent\. The provider's id: \d+$/);
  await screen(page, "telegram-test-sent");

  // The customer's Telegram shows it.
  await page.getByTestId("nav-sandbox").click();
  await page.getByTestId("sandbox-tab-telegram").click();
  await expect(phone.getByTestId("sandbox-line-flow").last()).toHaveText(/Hello from the channels spec/);
  await page.getByTestId("nav-settings").click();

  // Going live asks for the provider's settings under the provider's own names; one left empty is said beside it, nothing is saved.
  await telegram.getByTestId("channel-telegram-edit").click();
  const form = telegram.getByTestId("channel-telegram-form");
  await expect(form.locator("label[for='telegram-botToken']")).toContainText("Bot token");
  await form.getByTestId("channel-telegram-save").click();
  await expect(form.getByTestId("channel-field-problem-botToken")).toHaveText("required");
  await expect(form.getByLabel("Bot token")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("channel-telegram-mode")).toHaveText("Sandbox");
  await screen(page, "telegram-go-live-required");
  await telegram.getByTestId("channel-telegram-edit").click();
  await expect(form).toHaveCount(0);

  // SMS off: no test form, and the page says webhooks are refused; back to sandbox, and it runs again.
  const sms = page.getByTestId("channel-sms");
  await sms.getByRole("button", { name: "Turn off" }).click();
  await expect(page.getByTestId("channel-sms-mode")).toHaveText("Off");
  await expect(sms).toContainText("Turned off: webhooks are refused and flows cannot send here.");
  await expect(sms.getByTestId("channel-sms-test-send")).toHaveCount(0);
  await expect(sms.getByRole("button", { name: "Turn off" })).toHaveCount(0);
  await screen(page, "sms-off");
  const refused = await page.request.post("/api/channels/sms/inbound", { form: { From: "+14155550100", Body: "hi", MessageSid: "SM1" } });
  expect(refused.status()).toBe(404);

  await sms.getByRole("button", { name: "Use sandbox" }).click();
  await expect(page.getByTestId("channel-sms-mode")).toHaveText("Sandbox");
  await expect(sms.getByTestId("channel-sms-test-send")).toBeVisible();
  await expect(sms.getByRole("button", { name: "Use sandbox" })).toHaveCount(0);

  // The mode is stored: a reload shows it.
  await page.reload();
  await expect(page.getByTestId("channel-sms-mode")).toHaveText("Sandbox");
});

test("an operator is sent to /forbidden from Settings → Channels, and has no link to it", async ({ browser }) => {
  const page = await signedInPage(browser, DEMO.operator);
  await page.goto("/workspace");
  await expect(page.getByTestId("nav-workspace")).toBeVisible();
  await expect(page.getByTestId("nav-settings")).toHaveCount(0);
  await expect(page.getByTestId("nav-channels")).toHaveCount(0);
  await page.goto("/settings/channels");
  await expect(page).toHaveURL(/\/forbidden\?from=%2Fsettings%2Fchannels$/);
  await expect(page.getByTestId("forbidden")).toContainText("This page is not for your role");
  await page.context().close();
});
