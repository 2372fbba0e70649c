import { expect, test, type Page } from "@playwright/test";
import { createFlowFromTemplate, deleteFlow, DESKTOP, publish, unique } from "./support/app";
import { DEMO, stateFile } from "./support/auth";

test.use({ viewport: DESKTOP });

// The switcher also saves the signed-in person's language: leave the administrator's unset, as the other specs expect.
test.afterEach(async ({ page, baseURL }) => {
  const reset = await page.request.post("/api/trpc/me.setLanguage", { data: { json: { language: null } }, headers: { origin: baseURL! } });
  expect([200, 401]).toContain(reset.status()); // 401: the anonymous visitor below has no setting
});

/** Catalogue namespaces: a text like "flows.title" on a page is a message key that was not found. */
const RAW_KEY = /\b(app|header|common|time|flows|instances?|workspace|chat|editor|canvas|simulate)\.[a-zA-Z]+(\.[a-zA-Z-]+)*\b/;

/** Records next-intl's complaints (missing messages, bad ICU arguments) from the browser console. */
function intlErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (/MISSING_MESSAGE|FORMATTING_ERROR|INVALID_MESSAGE|INVALID_KEY/.test(message.text())) errors.push(message.text());
  });
  return errors;
}

async function expectNoRawKeys(page: Page) {
  // What a person reads (rendered text of the header, the page and an open dialog), not the scripts.
  const text = (await page.locator("header, main, dialog[open]").allInnerTexts()).join("\n");
  expect(text.match(RAW_KEY)?.[0] ?? null, "a message key shown instead of its text").toBeNull();
}

async function switchTo(page: Page, locale: "en" | "ru") {
  await page.getByTestId("language-switcher").selectOption(locale);
  await expect(page.locator("html")).toHaveAttribute("lang", locale);
}

test("switching to Русский translates the flows page, the editor and the workspace; English comes back", async ({ page, context, browser }) => {
  const errors = intlErrors(page);
  const flowIds: string[] = [];
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Flows");

  // The switcher sets a year-long cookie for the whole site and re-renders in place.
  await switchTo(page, "ru");
  const cookie = (await context.cookies()).find((c) => c.name === "locale");
  expect(cookie).toMatchObject({ value: "ru", path: "/", sameSite: "Lax" });
  expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(364 * 24 * 3600);
  // It is also the person's own setting: another browser signed in as them (no cookie) opens in Russian.
  const elsewhere = await browser.newContext({ storageState: stateFile(DEMO.admin), locale: "en-US" });
  const other = await elsewhere.newPage();
  await other.goto("/");
  await expect(other.locator("html")).toHaveAttribute("lang", "ru");
  await elsewhere.close();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Сценарии");
  await expect(page.getByTestId("nav-workspace")).toHaveText("Рабочее место оператора");
  await expect(page.getByTestId("new-flow")).toHaveText("Новый сценарий");
  await expect(page.getByTestId("flows-table")).toContainText("Рабочая версия");
  await expect(page.getByTestId("flows-table")).toContainText(/только что|\d+ мин назад/); // the demo flow's age depends on the specs before
  await expectNoRawKeys(page);
  await page.screenshot({ path: "test-results/screens/ru-flows.png" });

  // A reload keeps the language (the cookie), and so does the template gallery.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Сценарии");
  await page.getByTestId("new-from-template").click();
  const gallery = page.getByTestId("template-gallery");
  await expect(gallery.getByRole("heading", { name: "Новый сценарий из шаблона" })).toBeVisible();
  await expect(gallery.getByTestId(/^template-/).first()).toContainText(/\d+ (узел|узла|узлов)/);
  await expectNoRawKeys(page);
  await page.screenshot({ path: "test-results/screens/ru-templates.png" });
  await gallery.getByRole("button", { name: "Отмена" }).click();

  // The editor: toolbar, palette chrome, inspector, issues panel; publishing says so in Russian.
  flowIds.push(await createFlowFromTemplate(page, "complaint-routing"));
  await expect(page.getByTestId("simulate-toggle")).toHaveText("Симуляция");
  await expect(page.getByTestId("inspector-empty")).toContainText("Выберите узел");
  await publish(page, "Опубликована v1");
  await expectNoRawKeys(page);
  await page.screenshot({ path: "test-results/screens/ru-editor.png" });

  await page.getByTestId("simulate-toggle").click();
  await page.getByTestId("sim-step-0-text").fill("I want to make a complaint: the courier was rude");
  await page.getByTestId("sim-run").click();
  await expect(page.getByTestId("sim-step-label")).toContainText("Шаг 1 из");
  await expectNoRawKeys(page);
  await page.screenshot({ path: "test-results/screens/ru-simulate.png" });
  await page.getByTestId("simulate-toggle").click();

  // A complaint from the test chat becomes a task for the workspace.
  const visitor = unique("Irina");
  await page.getByTestId("chat-toggle").click();
  const chat = page.getByTestId("chat-panel");
  await expect(chat).toContainText("Веб-чат");
  await chat.getByTestId("chat-name").fill(visitor);
  // The gallery offered the reader's language: the flow speaks Russian to the customer.
  await chat.getByTestId("chat-input").fill("Это ужасный сервис, заказ пришёл сломанным, и никто не отвечает, просто кошмар");
  await chat.getByTestId("chat-send").click();
  await expect(chat.getByTestId("chat-message").filter({ hasText: "специалистам по урегулированию конфликтов" })).toBeVisible();

  await page.getByTestId("nav-workspace").click();
  await expect(page.getByTestId("tasks-tab-open")).toContainText("Открытые");
  await expect(page.getByTestId("tasks-tab-completed")).toHaveText("Завершённые");
  await expect(page.getByTestId("work-as-skills")).toHaveText("Видит все очереди"); // the administrator, like a supervisor
  await expect(page.getByText("Выберите задачу")).toBeVisible();
  await expectNoRawKeys(page);
  await page.screenshot({ path: "test-results/screens/ru-workspace.png" });
  await page.getByTestId("task-row").filter({ hasText: visitor }).click();
  await expect(page.getByTestId("task-status")).toHaveText("Открыта");
  await expect(page.getByTestId("customer-card")).toContainText("Клиент с");
  await expect(page.getByTestId("task-outcomes")).toContainText("Завершить задачу");
  await expectNoRawKeys(page);
  await page.screenshot({ path: "test-results/screens/ru-task.png" });

  await page.getByTestId("task-instance-link").click();
  await expect(page.getByTestId("event-log")).toContainText("Журнал событий");
  await expectNoRawKeys(page);
  await page.screenshot({ path: "test-results/screens/ru-instance.png" });

  // Back to English: the same pages read as before.
  await switchTo(page, "en");
  await expect(page.getByTestId("event-log")).toContainText("Event log");
  await page.getByTestId("nav-flows").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Flows");
  await expect(page.getByTestId("new-flow")).toHaveText("New flow");
  for (const id of flowIds) await deleteFlow(page, id);
  expect(errors).toEqual([]);
});

test.describe("without the cookie", () => {
  // A visitor with a Russian browser and no account (the chat is public).
  test.use({ locale: "ru-RU", storageState: { cookies: [], origins: [] } });

  test("a Russian browser (Accept-Language) gets Russian", async ({ page }) => {
    await page.goto("/chat");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.getByTestId("webchat-panel")).toContainText("Поздоровайтесь, чтобы начать диалог.");
    await expect(page).toHaveTitle("Веб-чат · Omniflow");
    await expect(page.getByTestId("language-switcher")).toHaveValue("ru");
    await expectNoRawKeys(page);
    await page.screenshot({ path: "test-results/screens/ru-chat.png" });
  });
});
