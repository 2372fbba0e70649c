import { expect, type Page, test } from "@playwright/test";
import { createFlowFromTemplate, DESKTOP, deleteFlow, importFlow, publish, unique } from "./support/app";

// The Sandbox page as a process owner tries a flow on it: the customer's Telegram, answered by a flow published from the editor.
test.use({ viewport: DESKTOP });

const screen = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/sandbox-${name}.png`, fullPage: true });

/** A Telegram user id no other test writes from (the fake keeps every chat for the server's life). */
const telegramUser = () => String(300_000_000 + Math.floor(Math.random() * 600_000_000));

/** Opens the Sandbox page from the header, picks Telegram and writes as `address`; returns the device. */
async function telegramDevice(page: Page, address: string) {
  await page.getByTestId("nav-sandbox").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sandbox");
  await page.getByTestId("sandbox-tab-telegram").click();
  await expect(page.getByTestId("sandbox-tab-telegram")).toHaveAttribute("aria-selected", "true");
  const device = page.getByTestId("sandbox-telegram");
  await device.getByTestId("sandbox-address").fill(address);
  await expect(device.getByTestId("sandbox-thread")).toContainText("Nothing yet: write the first message.");
  return device;
}

test("a newcomer writes to the demo on WhatsApp from the Sandbox, with nothing published, and the demo answers", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("nav-sandbox").click();
  await page.getByTestId("sandbox-tab-whatsapp").click();
  await expect(page.getByTestId("sandbox-unanswered")).toHaveCount(0);
  const device = page.getByTestId("sandbox-whatsapp");
  // A number no other test writes from: the fake keeps every chat for the server's life.
  await device.getByTestId("sandbox-address").fill(`+4915${String(100_000_000 + Math.floor(Math.random() * 800_000_000))}`);
  await device.getByLabel("Customer's name").fill("Nina");
  await device.getByTestId("sandbox-input").fill("What are your opening hours?");
  await device.getByTestId("sandbox-send").click();
  await expect(device.getByTestId("sandbox-line-flow")).toHaveText([/Hello Nina, this is Omniflow support\./, /Monday to Friday, 9:00-18:00 CET/]);
  await screen(page, "demo-whatsapp");
});

test("the Telegram FAQ bot, published from the gallery, greets the customer and answers a question in the sandbox", async ({ page }) => {
  const flowId = await createFlowFromTemplate(page, "telegram-faq-bot");
  try {
    await publish(page);
    const device = await telegramDevice(page, telegramUser());
    await device.getByLabel("Customer's name").fill("Tom");
    const write = async (text: string) => {
      await device.getByTestId("sandbox-input").fill(text);
      await device.getByTestId("sandbox-send").click();
      await expect(device.getByTestId("sandbox-input")).toHaveValue("");
    };
    await write("/start");
    const customer = device.getByTestId("sandbox-line-customer");
    const bot = device.getByTestId("sandbox-line-flow");
    await expect(customer).toHaveText([/\/start/]);
    await expect(bot).toHaveText([/Hi Tom! I'm the Omniflow Shop assistant\./]);

    await write("When are you open on Saturday?");
    await expect(bot.nth(1)).toContainText("Saturday 10:00–16:00");
    await expect(bot.nth(1)).toContainText("Anything else? Just type your next question.");
    await expect(customer).toHaveCount(2);
    await expect(bot).toHaveCount(2);
    // Oldest first, as the customer's phone shows the chat.
    await expect(device.getByTestId("sandbox-thread").getByTestId(/^sandbox-line-/)).toHaveText([/\/start/, /Hi Tom/, /Saturday\?/, /Saturday 10:00/]);
    await screen(page, "telegram-faq");
  } finally {
    await deleteFlow(page, flowId);
  }
});

test("a flow's quick-reply buttons show under its message; pressing one answers with its label", async ({ page }) => {
  const at = (x: number) => ({ x: x * 280, y: 0 });
  const flowId = await importFlow(page, unique("Telegram parcel menu"), {
    nodes: [
      { id: "in", type: "trigger.message-received", position: at(0), settings: { channel: "telegram" } },
      { id: "menu", type: "message.send", position: at(1), settings: { text: "What can I do for you?", buttons: ["Track my parcel", "Talk to a person"] } },
      { id: "reply", type: "message.wait-reply", position: at(2), settings: { timeoutSeconds: 600 } },
      { id: "echo", type: "message.send", position: at(3), settings: { text: "You picked: {{message.text}}" } },
      { id: "end", type: "flow.end", position: at(4), settings: {} },
    ],
    edges: [
      { id: "1", source: "in", sourcePort: "out", target: "menu" },
      { id: "2", source: "menu", sourcePort: "out", target: "reply" },
      { id: "3", source: "reply", sourcePort: "reply", target: "echo" },
      { id: "4", source: "reply", sourcePort: "timeout", target: "end" },
      { id: "5", source: "echo", sourcePort: "out", target: "end" },
    ],
  });
  try {
    await publish(page);
    const device = await telegramDevice(page, telegramUser());
    await device.getByTestId("sandbox-input").fill("hello");
    await device.getByTestId("sandbox-input").press("Enter");
    await expect(device.getByTestId("sandbox-line-flow")).toHaveText([/What can I do for you\?/]);
    const buttons = device.getByTestId("sandbox-button");
    await expect(buttons).toHaveText(["Track my parcel", "Talk to a person"]);
    await screen(page, "quick-replies");

    await buttons.filter({ hasText: "Track my parcel" }).click();
    await expect(device.getByTestId("sandbox-line-customer")).toHaveText([/hello/, /Track my parcel/]);
    await expect(device.getByTestId("sandbox-line-flow").nth(1)).toContainText("You picked: Track my parcel");
    // The buttons belong to the message they came with: once the flow says something else, they are gone.
    await expect(buttons).toHaveCount(0);
    await screen(page, "quick-reply-pressed");
  } finally {
    await deleteFlow(page, flowId);
  }
});
