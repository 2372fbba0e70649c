import { expect, test, type Page } from "@playwright/test";
import { createFlow, deleteFlow, DESKTOP, publish, unique } from "./support/app";
import { Canvas } from "./support/canvas";

test.use({ viewport: DESKTOP });

let flowId: string | undefined;
test.afterEach(async ({ page }) => {
  if (flowId) await deleteFlow(page, flowId);
  flowId = undefined;
});

/** Selects a node by clicking its header, so the inspector shows its settings. */
async function select(page: Page, canvas: Canvas, id: string) {
  await canvas.node(id).click({ position: { x: 40, y: 12 } });
  await expect(page.getByTestId("inspector-node-id")).toHaveText(id);
}

test("build a flow in the editor, publish it, chat with it and finish the operator task", async ({ page, context }) => {
  const flowName = unique("Refund desk");
  const customer = unique("Ada");
  const canvas = new Canvas(page);
  const issues = page.getByTestId("issues-panel");

  // 1. Create the flow; it opens in the editor with a trigger on the canvas.
  flowId = await createFlow(page, flowName);
  await expect(page.getByTestId("flow-name")).toHaveText(flowName);
  await expect(page.getByTestId("issue-count")).toHaveText("1 problem to fix before publishing");

  // 2. Make room for four columns: zoom out, then drag the trigger to the left edge.
  const column = await canvas.columns(4);

  // 3. Drag the nodes in from the palette and set each one up in the inspector.
  const send = await canvas.drop("message.send", column(1));
  await expect(page.getByTestId(`flow-node-${send}`)).toHaveAttribute("data-invalid", "true");
  await page.getByTestId("field-text").fill("Hi {{customer.name}}, thanks for writing! A colleague will take it from here.");
  await expect(canvas.node(send)).toContainText("Hi {{customer.name}}, thanks for writing!");

  const task = await canvas.drop("routing.operator-task", column(2));
  await page.getByTestId("field-queue").fill("refunds");
  await page.getByTestId("field-title").fill("Refund for {{customer.name}}");
  await page.getByTestId("field-steps").fill("Check the order\nIssue the refund");
  await page.getByTestId("field-outcomes").fill("resolved\nunresolved");
  await expect(canvas.node(task)).toContainText("Queue refunds · 2 steps");
  await expect(canvas.node(task).locator(".react-flow__handle.source")).toHaveCount(2);

  const resolved = await canvas.drop("flow.end", column(3, -70));
  await page.getByTestId("field-outcome").fill("resolved");
  const unresolved = await canvas.drop("flow.end", column(3, 70));
  await page.getByTestId("field-outcome").fill("unresolved");
  await expect(page.getByTestId("issue-count")).toContainText("problems to fix before publishing");

  // 4. Wire them: trigger → send → task → one end per outcome.
  await canvas.connect("trigger", "out", send);
  await canvas.connect(send, "out", task);
  await canvas.connect(task, "outcome-resolved", resolved);
  await canvas.connect(task, "outcome-unresolved", unresolved);
  await expect(issues).toHaveAttribute("data-count", "0");
  await expect(issues).toContainText("No problems: ready to publish");

  // Clicking a node brings its settings back.
  await select(page, canvas, send);
  await expect(page.getByTestId("field-text")).toHaveValue(/^Hi \{\{customer\.name\}\}/);

  // 5. Publish.
  await publish(page);
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");

  // 6. Talk to it from the editor's test chat.
  await page.getByTestId("chat-toggle").click();
  const chat = page.getByTestId("chat-panel");
  await chat.getByTestId("chat-name").fill(customer);
  await chat.getByTestId("chat-input").fill("I was charged twice for order 4711");
  await chat.getByTestId("chat-send").click();
  await expect(chat.getByTestId("chat-message").filter({ hasText: "I was charged twice" })).toHaveAttribute("data-author", "customer");
  const greeting = chat.getByTestId("chat-message").filter({ hasText: `Hi ${customer}, thanks for writing!` });
  await expect(greeting).toHaveAttribute("data-author", "bot");

  // 7. The operator picks the task up in the workspace (a second tab, the chat stays open).
  const desk = await context.newPage();
  await desk.goto("/workspace");
  const row = desk.getByTestId("task-row").filter({ hasText: `Refund for ${customer}` });
  await row.click();
  const detail = desk.getByTestId("task-detail");
  await expect(detail.getByTestId("task-title")).toHaveText(`Refund for ${customer}`);
  await expect(detail.getByTestId("task-status")).toHaveText("Open");
  await expect(detail.getByTestId("customer-card").getByTestId("customer-name")).toHaveText(customer);
  const conversation = detail.getByTestId("task-conversation");
  await expect(conversation.getByTestId("chat-message").filter({ hasText: "I was charged twice for order 4711" })).toHaveAttribute("data-author", "customer");
  await expect(conversation.getByTestId("chat-message").filter({ hasText: `Hi ${customer}, thanks for writing!` })).toHaveAttribute("data-author", "bot");

  await detail.getByTestId("task-reply-input").fill("Sorry about that: the second charge is refunded.");
  await detail.getByTestId("task-reply-send").click();
  await expect(conversation.getByTestId("chat-message").filter({ hasText: "the second charge is refunded" })).toHaveAttribute("data-author", "operator");
  await expect(detail.getByTestId("task-reply-input")).toHaveValue("");

  for (const i of [0, 1]) {
    await detail.getByTestId(`task-step-${i}`).check();
    await expect(detail.getByTestId(`task-step-${i}`)).toBeChecked();
  }
  await expect(detail.getByTestId("task-steps")).toContainText("2/2");
  await detail.getByTestId("task-complete-resolved").click();
  await expect(detail.getByTestId("task-status")).toHaveText("Completed · resolved");
  await expect(desk.getByTestId("task-row").filter({ hasText: `Refund for ${customer}` })).toHaveCount(0);
  await desk.close();

  // 8. The customer sees the operator's reply in the chat.
  const reply = chat.getByTestId("chat-message").filter({ hasText: "Sorry about that: the second charge is refunded." });
  await expect(reply).toHaveAttribute("data-author", "operator");

  // 9. The flow's instances: one, completed, on v1; its page draws the path it took.
  await page.getByTestId("instances-link").click();
  const instance = page.getByTestId(/^instance-row-/);
  await expect(instance).toHaveCount(1);
  await expect(instance.getByTestId("instance-status")).toHaveText("completed");
  await expect(instance.getByTestId("instance-version")).toHaveText("v1");
  await expect(instance).toContainText(customer);
  await instance.getByRole("link").click();

  const view = page.getByTestId("instance-view");
  await expect(view.getByTestId("instance-status")).toHaveText("completed");
  await expect(view.getByTestId("instance-version")).toHaveText("v1");
  await expect(view.getByTestId("instance-state")).toContainText(resolved);
  const log = view.getByTestId("event-log");
  await expect(log).toContainText("message.received");
  await expect(log).toContainText("task.completed");
  for (const id of ["trigger", send, task, resolved]) {
    await expect(view.getByTestId(`flow-node-${id}`)).toHaveClass(/border-emerald-400/);
  }
  await expect(view.getByTestId(`flow-node-${unresolved}`)).toHaveClass(/opacity-55/);
  await expect(canvas.edge(task, resolved)).toHaveClass(/animated/);
  await expect(canvas.edge(task, unresolved)).not.toHaveClass(/animated/);
});
