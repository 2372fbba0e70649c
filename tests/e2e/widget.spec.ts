import http from "node:http";
import { expect, type Page, test } from "@playwright/test";
import { createFlowFromTemplate, deleteFlow, publish, unique } from "./support/app";
import { DEMO, signedInPage } from "./support/auth";

/**
 * The chat widget as a customer meets it: one <script> tag on a plain page of another site (another
 * origin: its own port), talking to the production build; then the operator picks the chat up.
 */
const SITE_PORT = 4455;
const SITE = `http://localhost:${SITE_PORT}`;
let site: http.Server;

test.beforeAll(async ({ baseURL }) => {
  // A shop's page, nothing but the embed line (with `?flow=<id>`, embedded for one flow; `?lang=` the page's
  // language, English unless given, none when empty; `?widgetLang=` the tag's data-lang).
  site = http.createServer((req, res) => {
    const query = new URL(req.url ?? "/", SITE).searchParams;
    const safe = (name: string) => (/^[\w-]*$/.test(query.get(name) ?? "") ? query.get(name) : null);
    const flow = safe("flow");
    const widgetLang = safe("widgetLang");
    const pageLang = query.has("lang") ? safe("lang") : "en";
    const attr = (flow ? ` data-flow="${flow}"` : "") + (widgetLang ? ` data-lang="${widgetLang}"` : "");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><html${pageLang ? ` lang="${pageLang}"` : ""}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
        `<title>Parcel Shop</title></head><body><h1>Parcel Shop</h1><p>Track your parcels here.</p>` +
        `<script src="${baseURL}/widget.js"${attr} async></script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => site.listen(SITE_PORT, "127.0.0.1", resolve));
});
test.afterAll(async () => {
  await new Promise((resolve) => site.close(resolve));
});

/** A visitor's own browser: no Omniflow cookies (`locale`: the browser's language, Playwright's en-US by default). */
async function visitorPage(page: Page, query = "", locale?: string): Promise<Page> {
  const context = await page
    .context()
    .browser()!
    .newContext({ storageState: { cookies: [], origins: [] }, ...(locale && { locale }) });
  const visitor = await context.newPage();
  await visitor.goto(`${SITE}/${query}`);
  return visitor;
}

test("a visitor chats through the widget on another site; the operator sees it and answers live", async ({ page, browser }) => {
  const question = `${unique("Parcel")} never arrived`;
  const email = `${unique("ann").replace(" ", "-").toLowerCase()}@example.com`;
  const shop = await visitorPage(page);
  const bubble = shop.getByTestId("widget-bubble");
  await expect(bubble).toHaveAccessibleName("Open chat");

  // Keyboard: the bubble opens the panel and focuses the message box; Escape closes it and returns to the bubble.
  await bubble.focus();
  await shop.keyboard.press("Enter");
  const panel = shop.getByTestId("widget-panel");
  await expect(panel).toBeVisible();
  await expect(shop.getByTestId("widget-input")).toBeFocused();
  await shop.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(bubble).toBeFocused();
  await bubble.click();

  await shop.getByTestId("widget-input").fill(question);
  await shop.getByTestId("widget-input").press("Enter");
  const messages = shop.getByTestId("widget-message");
  await expect(messages.filter({ hasText: question })).toHaveAttribute("data-author", "customer");
  await expect(messages.filter({ hasText: "Hello there, this is Omniflow support." })).toHaveAttribute("data-author", "bot");
  await expect(messages.filter({ hasText: "Let me find a colleague for you, one moment." })).toBeVisible();
  await expect(messages).toHaveCount(3);
  await expect(messages.filter({ hasText: question })).toHaveAttribute("data-state", "sent");
  await expect(shop.getByTestId("widget-messages")).toHaveAttribute("aria-live", "polite");
  await expect(shop.getByTestId("widget-typing")).toBeHidden();

  // The visitor leaves an e-mail; a malformed one is refused with the server's reason.
  await shop.getByTestId("widget-contact-toggle").click();
  await shop.getByTestId("widget-contact-input").fill("ann@");
  await shop.getByTestId("widget-contact-save").click();
  await expect(shop.getByTestId("widget-contact-status")).toHaveText("not an e-mail address");
  await shop.getByTestId("widget-contact-input").fill(email);
  await shop.getByTestId("widget-contact-save").click();
  await expect(shop.getByTestId("widget-contact-status")).toHaveText("Thanks! We will be in touch.");

  // A reload (another page of the shop) replays the conversation once, from the token kept in the browser.
  await shop.reload();
  await expect(panel).toBeVisible();
  await expect(messages).toHaveCount(3);
  await expect(messages.first()).toContainText(question);

  // The operator finds the hand-over in the workspace, with the conversation and the e-mail, and answers.
  const desk = await signedInPage(browser, DEMO.operator);
  await desk.goto("/workspace");
  const row = desk.getByTestId("task-row").filter({ hasText: `A customer asks: ${question}` });
  await expect(row).toHaveCount(1);
  // The row says where the customer waits, and calls them by the e-mail they left until a name is known.
  await expect(row.getByTestId("task-channel")).toHaveText("Web chat");
  await expect(row).toContainText(email);
  await row.click();
  const detail = desk.getByTestId("task-detail");
  const conversation = detail.getByTestId("task-conversation");
  await expect(conversation.getByTestId("chat-message").filter({ hasText: question })).toBeVisible();
  await expect(conversation.getByTestId("chat-message").filter({ hasText: "Let me find a colleague" })).toBeVisible();
  await expect(detail.getByTestId("customer-name")).toHaveText(email);
  await expect(detail.getByTestId("customer-identity").filter({ hasText: email })).toHaveCount(1);
  await expect(detail.getByTestId("customer-fields").filter({ hasText: email })).toHaveCount(0); // not repeated as a field
  await conversation.getByTestId("task-reply-input").fill("Hi, this is the support desk. Let me check the tracking.");
  await conversation.getByTestId("task-reply-send").click();

  // It reaches the widget over the live feed, without a reload.
  await expect(messages.filter({ hasText: "Let me check the tracking." })).toHaveAttribute("data-author", "operator");
  await expect(messages).toHaveCount(4);

  // The visitor browses on in a new tab, the chat closed: the next reply shows as one unread on the bubble (not the old ones).
  const tab = await shop.context().newPage();
  await tab.goto(`${SITE}/`);
  await expect(tab.getByTestId("widget-panel")).toBeHidden();
  await conversation.getByTestId("task-reply-input").fill("Found it: your parcel is at the depot.");
  await conversation.getByTestId("task-reply-send").click();
  const badge = tab.getByTestId("widget-badge");
  await expect(badge).toHaveText("1");
  await tab.getByTestId("widget-bubble").click();
  await expect(tab.getByTestId("widget-message").filter({ hasText: "at the depot" })).toHaveAttribute("data-author", "operator");
  await expect(badge).toBeHidden();
  await tab.close();
  await desk.context().close();

  // On a phone-sized screen the panel takes the whole width.
  await shop.setViewportSize({ width: 375, height: 700 });
  expect((await panel.boundingBox())?.width).toBe(375);
  await shop.screenshot({ path: "test-results/screens/widget-mobile.png" });
  await shop.context().close();
});

test("a widget embedded for one flow shows its quick replies, and a click answers with the label", async ({ page }) => {
  const flowId = await createFlowFromTemplate(page, "chat-to-call");
  try {
    // Support chat also takes web chat: publish() accepts the proposed order, and the widget reaches this flow by its id.
    await publish(page);

    const shop = await visitorPage(page, `?flow=${flowId}`);
    // Posts are slowed down, so the typing indicator shows while the message is on its way and the flow thinks.
    // The first one reaches the server but its answer is lost (a dropped connection): the widget retries with the same id.
    const answers: number[] = [];
    await shop.route("**/api/channels/webchat/inbound", async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      await new Promise((resolve) => setTimeout(resolve, 700));
      const response = await route.fetch();
      if (answers.push(response.status()) === 1) return route.abort("connectionreset");
      return route.fulfill({ response });
    });
    await shop.getByTestId("widget-bubble").click();
    await shop.getByTestId("widget-input").fill("can you call me back please");
    await shop.getByTestId("widget-send").click();
    await expect(shop.getByTestId("widget-typing")).toBeVisible();
    const replies = shop.getByTestId("widget-quick-replies");
    await expect(replies.getByRole("button")).toHaveText(["Yes, call me", "No, chat is fine"]);
    await shop.screenshot({ path: "test-results/screens/widget-quick-replies.png" });
    await replies.getByRole("button", { name: "Yes, call me" }).click();
    const messages = shop.getByTestId("widget-message");
    await expect(messages.filter({ hasText: "Yes, call me" })).toHaveAttribute("data-author", "customer");
    await expect(messages.filter({ hasText: "Which number should we call?" })).toBeVisible();
    await expect(replies).toBeHidden();
    await expect(shop.getByTestId("widget-typing")).toBeHidden();
    // Sent twice, taken once: the retry is answered as a duplicate, and the conversation holds the message once.
    await expect.poll(() => answers.toSorted()).toEqual([200, 202, 202]);
    await expect(messages.filter({ hasText: "can you call me back please" })).toHaveCount(1);
    await expect(messages.filter({ hasText: "Yes, call me" })).toHaveCount(1);
    await shop.context().close();
  } finally {
    await deleteFlow(page, flowId);
  }
});

test("the widget speaks the site's language: the page's <html lang>, else the browser's; data-lang on the tag wins", async ({ page }) => {
  const shop = await visitorPage(page, "?lang=ru");
  const bubble = shop.getByTestId("widget-bubble");
  await expect(bubble).toHaveAttribute("aria-label", "Открыть чат");
  await bubble.click();
  await expect(shop.getByRole("heading", { name: "Напишите нам" })).toBeVisible();
  await expect(shop.getByTestId("widget-input")).toHaveAttribute("placeholder", "Введите сообщение…");
  await shop.getByTestId("widget-input").fill(`${unique("Где")} моя посылка?`);
  await shop.getByTestId("widget-send").click();
  const messages = shop.getByTestId("widget-message");
  await expect(messages.filter({ hasText: "моя посылка?" })).toContainText("Вы");
  // The demo's Support chat answers (in its own words): the widget names the author in Russian.
  await expect(messages.and(shop.locator("[data-author=bot]")).first()).toContainText("Ассистент");
  await expect(bubble).toHaveAttribute("aria-label", "Закрыть чат");
  // A refused contact is explained in the page's language too.
  await shop.getByTestId("widget-contact-toggle").click();
  await shop.getByTestId("widget-contact-input").fill("12ab");
  await shop.getByTestId("widget-contact-save").click();
  await expect(shop.getByTestId("widget-contact-status")).toHaveText("это не номер телефона (цифры, пробелы, + ( ) - .)");
  await shop.screenshot({ path: "test-results/screens/widget-russian.png" });
  await shop.context().close();

  // A Russian page whose owner wants the widget in English; then a page that names no language, in a Russian browser.
  const english = await visitorPage(page, "?lang=ru&widgetLang=en");
  await expect(english.getByTestId("widget-bubble")).toHaveAttribute("aria-label", "Open chat");
  await english.context().close();
  const browserRussian = await visitorPage(page, "?lang=", "ru-RU");
  await expect(browserRussian.getByTestId("widget-bubble")).toHaveAttribute("aria-label", "Открыть чат");
  await browserRussian.context().close();
});
