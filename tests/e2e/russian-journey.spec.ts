import { expect, test } from "@playwright/test";
import { createFlow, deleteFlow, DESKTOP, publish, unique } from "./support/app";
import { Canvas } from "./support/canvas";

test.use({ viewport: DESKTOP });

let flowId: string | undefined;
test.afterEach(async ({ page }) => {
  if (flowId) await deleteFlow(page, flowId);
  flowId = undefined;
});

test("в русском интерфейсе: собрать сценарий, опубликовать, написать в чат и завершить задачу оператора", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "locale", value: "ru", url: baseURL! }]);
  const flowName = unique("Возвраты");
  const customer = unique("Анна");
  const canvas = new Canvas(page);
  const issues = page.getByTestId("issues-panel");

  // 1. A new flow opens in the editor, everything in Russian: the palette, the node and its problem.
  flowId = await createFlow(page, flowName);
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  await expect(page.getByTestId("palette-group-message")).toContainText("Отправить ответ");
  await expect(page.getByTestId("issue-count")).toHaveText("1 проблема — исправьте перед публикацией");
  await expect(canvas.node("trigger")).toContainText("Сообщение получено");

  const column = await canvas.columns(4);

  // 2. The settings form speaks Russian too, and a problem is explained in Russian.
  const send = await canvas.drop("message.send", column(1));
  await expect(page.getByTestId(`setting-text`)).toContainText("Сообщение");
  await expect(canvas.node(send)).toContainText("«Сообщение»: нужен текст");
  await page.getByTestId("field-text").fill("Здравствуйте, {{customer.name}}! Передаём ваш вопрос специалисту.");

  const task = await canvas.drop("routing.operator-task", column(2));
  await page.getByTestId("field-queue").fill("refunds");
  await page.getByTestId("field-title").fill("Возврат для {{customer.name}}");
  await page.getByTestId("field-steps").fill("Проверить заказ\nОформить возврат");
  await page.getByTestId("field-outcomes").fill("resolved\nunresolved");

  const resolved = await canvas.drop("flow.end", column(3, -70));
  await page.getByTestId("field-outcome").fill("resolved");
  const unresolved = await canvas.drop("flow.end", column(3, 70));
  await page.getByTestId("field-outcome").fill("unresolved");

  await canvas.connect("trigger", "out", send);
  await canvas.connect(send, "out", task);
  await canvas.connect(task, "outcome-resolved", resolved);
  await canvas.connect(task, "outcome-unresolved", unresolved);
  await expect(issues).toHaveAttribute("data-count", "0");
  await expect(issues).toContainText("Проблем нет: можно публиковать");
  await page.screenshot({ path: "test-results/screens/ru-journey-editor.png" });

  // 3. Publish.
  await publish(page, "Опубликована v1");

  // 4. A customer writes in the test chat and gets the Russian greeting.
  await page.getByTestId("chat-toggle").click();
  const chat = page.getByTestId("chat-panel");
  await chat.getByTestId("chat-name").fill(customer);
  await chat.getByTestId("chat-input").fill("Мне дважды списали деньги за заказ 4711");
  await chat.getByTestId("chat-send").click();
  await expect(chat.getByTestId("chat-message").filter({ hasText: `Здравствуйте, ${customer}!` })).toHaveAttribute("data-author", "bot");

  // 5. The operator takes the task in the workspace, answers and completes it.
  const desk = await context.newPage();
  await desk.goto("/workspace");
  await expect(desk.getByTestId("user-role")).toContainText("Администратор");
  await desk
    .getByTestId("task-row")
    .filter({ hasText: `Возврат для ${customer}` })
    .click();
  const detail = desk.getByTestId("task-detail");
  await expect(detail.getByTestId("task-status")).toHaveText("Открыта");
  await detail.getByTestId("task-reply-input").fill("Второе списание вернули, приносим извинения.");
  await detail.getByTestId("task-reply-send").click();
  const conversation = detail.getByTestId("task-conversation");
  await expect(conversation.getByTestId("chat-message").filter({ hasText: "Второе списание вернули" })).toHaveAttribute("data-author", "operator");
  for (const i of [0, 1]) await detail.getByTestId(`task-step-${i}`).check();
  await desk.screenshot({ path: "test-results/screens/ru-journey-workspace.png" });
  await detail.getByTestId("task-complete-resolved").click();
  await expect(detail.getByTestId("task-status")).toHaveText("Завершена · resolved");
  await desk.close();

  // 6. The customer sees the operator's answer; the instance completed on v1.
  await expect(chat.getByTestId("chat-message").filter({ hasText: "Второе списание вернули" })).toHaveAttribute("data-author", "operator");
  await page.getByTestId("instances-link").click();
  const instance = page.getByTestId(/^instance-row-/);
  await expect(instance).toHaveCount(1);
  await expect(instance.getByTestId("instance-version")).toHaveText("v1");
  await page.screenshot({ path: "test-results/screens/ru-journey-instances.png" });

  // 7. The customer's timeline across channels speaks Russian too, statuses included.
  await page.getByTestId("nav-customers").click();
  await page.getByTestId("customer-search").fill(customer);
  const row = page.getByTestId("customer-row");
  await expect(row).toHaveCount(1); // the search has answered
  await row.click();
  await page.getByTestId("open-customer").click();
  const lines = page.getByTestId("customer-timeline").getByTestId("timeline-line");
  await expect(lines.filter({ hasText: "Мне дважды списали деньги" })).toContainText("получено");
  await expect(lines.filter({ hasText: "Второе списание вернули" })).toContainText("отправлено");
  await expect(lines.filter({ hasText: `Возврат для ${customer}` })).toContainText("завершено");
  await expect(lines.filter({ hasText: "получено сообщение" })).toContainText("Шаг сценария");
  await expect(lines.filter({ hasText: "задача завершена" })).toContainText("Шаг сценария");
  await page.screenshot({ path: "test-results/screens/ru-journey-timeline.png" });
});
