import { expect, test, type Page } from "@playwright/test";
import { createFlowFromTemplate, deleteFlow, DESKTOP, importFlow, publish, unique } from "./support/app";
import { DEMO, signedInPage } from "./support/auth";

test.use({ viewport: DESKTOP });

let flowIds: string[] = [];
test.afterEach(async ({ page }) => {
  for (const id of flowIds) await deleteFlow(page, id);
  flowIds = [];
});

/** Creates a flow from a template, publishes it and opens the editor's test chat as `visitor`. */
async function publishTemplateAndChat(page: Page, templateId: string, visitor: string) {
  flowIds.push(await createFlowFromTemplate(page, templateId));
  await publish(page);
  await page.getByTestId("chat-toggle").click();
  const chat = page.getByTestId("chat-panel");
  await chat.getByTestId("chat-name").fill(visitor);
  return chat;
}

test("a complaint waits for an operator with the complaints skill; others do not see it", async ({ page, browser }) => {
  const visitor = unique("Irina");
  const chat = await publishTemplateAndChat(page, "complaint-routing", visitor);
  await chat.getByTestId("chat-input").fill("I want to make a complaint: the courier was rude to me");
  await chat.getByTestId("chat-send").click();
  await expect(chat.getByTestId("chat-message").filter({ hasText: "passed to our conflict-resolution team" })).toBeVisible();

  // Each person signs in on their own: the queue is theirs, filtered by their skills.
  const complaint = (desk: Page) => desk.getByTestId("task-row").filter({ hasText: `Complaint from ${visitor}` });
  const operator = await signedInPage(browser, DEMO.operator);
  await operator.goto("/workspace");
  await expect(operator.getByTestId("signed-in-as")).toContainText("Demo Operator");
  await expect(operator.getByTestId("work-as-skills")).toHaveText("Skills: support");
  await expect(operator.getByTestId("task-list")).toBeVisible();
  await expect(complaint(operator)).toHaveCount(0);
  await operator.context().close();

  const olga = await signedInPage(browser, DEMO.olga);
  await olga.goto("/workspace");
  await expect(olga.getByTestId("work-as-skills")).toHaveText("Skills: complaints, ru, support");
  await expect(complaint(olga)).toHaveCount(1);
  await expect(complaint(olga)).toContainText("complaints");
  await expect(complaint(olga)).toContainText("conflict-resolution");
  await complaint(olga).click();
  await expect(olga.getByTestId("task-title")).toContainText(`Complaint from ${visitor}`);
  await olga.screenshot({ path: "test-results/screens/workspace-skills.png" });
  await olga.context().close();

  // The supervisor sees every queue.
  const supervisor = await signedInPage(browser, DEMO.supervisor);
  await supervisor.goto("/workspace");
  await expect(supervisor.getByTestId("work-as-skills")).toHaveText("Sees every queue");
  await expect(complaint(supervisor)).toHaveCount(1);
  await supervisor.context().close();
});

test("a hesitating visitor takes the callback with a quick reply, and the callback task carries the number", async ({ page, context }) => {
  const visitor = unique("Tom");
  const chat = await publishTemplateAndChat(page, "chat-to-call", visitor);
  await chat.getByTestId("chat-input").fill("can you call me back please");
  await chat.getByTestId("chat-send").click();

  const replies = chat.getByTestId("chat-quick-replies");
  await expect(replies.getByRole("button")).toHaveText(["Yes, call me", "No, chat is fine"]);
  await chat.screenshot({ path: "test-results/screens/chat-quick-replies.png" });
  await replies.getByRole("button", { name: "Yes, call me" }).click();
  await expect(chat.getByTestId("chat-message").filter({ hasText: "Yes, call me" })).toHaveAttribute("data-author", "customer");
  await expect(chat.getByTestId("chat-message").filter({ hasText: "Which number should we call?" })).toBeVisible();
  await expect(replies).toHaveCount(0); // the question has no buttons

  await chat.getByTestId("chat-input").fill("+44 20 7946 0958");
  await chat.getByTestId("chat-send").click();
  await expect(chat.getByTestId("chat-message").filter({ hasText: "We will call you at +44 20 7946 0958" })).toBeVisible();

  const desk = await context.newPage();
  await desk.setViewportSize(DESKTOP);
  await desk.goto("/workspace");
  const row = desk.getByTestId("task-row").filter({ hasText: `Call back ${visitor}` });
  await expect(row).toContainText("callbacks");
  await expect(row.getByTestId("task-priority")).toHaveText("high");
  await row.click();
  const detail = desk.getByTestId("task-detail");
  await expect(detail.getByTestId("customer-fields")).toContainText("+44 20 7946 0958");
  await expect(detail.getByTestId("task-conversation").getByTestId("chat-message").filter({ hasText: "can you call me back please" })).toBeVisible();
  await desk.screenshot({ path: "test-results/screens/workspace-callback.png" });
});

test("a flow's notification reaches the supervisor's workspace and leaves once acknowledged", async ({ page, browser }) => {
  const visitor = unique("Chan");
  const at = (x: number) => ({ x: x * 260, y: 0 });
  flowIds.push(
    await importFlow(page, unique("VIP alert"), {
      nodes: [
        { id: "in", type: "trigger.message-received", position: at(0), settings: { channel: "webchat" } },
        {
          id: "tell",
          type: "routing.notify",
          position: at(1),
          settings: { level: "critical", title: "VIP {{customer.name}} is upset", body: "They wrote: {{message.text}}" },
        },
        {
          id: "task",
          type: "routing.operator-task",
          position: at(2),
          settings: { queue: "vip", title: "Call {{customer.name}}", skills: ["vip"], priority: "urgent" },
        },
        { id: "end", type: "flow.end", position: at(3), settings: {} },
      ],
      edges: [
        { id: "1", source: "in", sourcePort: "out", target: "tell" },
        { id: "2", source: "tell", sourcePort: "out", target: "task" },
        { id: "3", source: "task", sourcePort: "outcome-done", target: "end" },
      ],
    }),
  );
  await publish(page);
  await page.getByTestId("chat-toggle").click();
  const chat = page.getByTestId("chat-panel");
  await chat.getByTestId("chat-name").fill(visitor);
  await chat.getByTestId("chat-input").fill("This is the third time I'm writing!");
  await chat.getByTestId("chat-send").click();

  const desk = await signedInPage(browser, DEMO.supervisor);
  await desk.goto("/workspace");
  const alert = desk.getByTestId("notification").filter({ hasText: `VIP ${visitor} is upset` });
  await expect(alert).toContainText("They wrote: This is the third time I'm writing!");
  const row = desk.getByTestId("task-row").filter({ hasText: `Call ${visitor}` });
  await expect(row.getByTestId("task-skills")).toHaveText("needs vip");
  await alert.getByRole("button", { name: "Acknowledge" }).click();
  await expect(alert).toHaveCount(0);
  await desk.context().close();
});
