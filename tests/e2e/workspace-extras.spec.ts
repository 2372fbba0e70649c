import { expect, test } from "@playwright/test";
import { createFlow, createFlowFromTemplate, deleteFlow, DESKTOP, publish, unique } from "./support/app";
import { Canvas } from "./support/canvas";

test.use({ viewport: DESKTOP });

// Published test flows would answer /chat in place of the demo, so every one is deleted again.
let flowIds: string[] = [];
test.afterEach(async ({ page }) => {
  for (const id of flowIds) await deleteFlow(page, id);
  flowIds = [];
});

test("an operator starts a flow they built for the customer of an open task, and the customer gets its message in the chat", async ({ page, context }) => {
  const flowName = unique("Follow-up");
  const visitor = unique("Noor");
  const note = unique("your replacement ships Monday");
  const canvas = new Canvas(page);

  // 1. A flow an operator starts: swap the starter trigger for "Started by an operator", then send → end.
  const flowId = await createFlow(page, flowName);
  flowIds.push(flowId);
  await canvas.node("trigger").click({ position: { x: 40, y: 12 } });
  await expect(page.getByTestId("inspector-node-id")).toHaveText("trigger");
  await page.keyboard.press("Delete");
  await expect(canvas.node("trigger")).toHaveCount(0);

  await canvas.zoomOut(1);
  const zoom = await canvas.zoom();
  const pane = (await canvas.pane.boundingBox())!;
  const step = (pane.width - 60) / 3;
  // A drop puts the node's header (120, 24 flow units in) under the pointer.
  const column = (i: number) => ({ x: 30 + i * step + 120 * zoom, y: pane.height / 2 - 20 });
  const start = await canvas.drop("trigger.operator-started", column(0));
  await expect(canvas.node(start)).toContainText("From the operator workspace");
  const send = await canvas.drop("message.send", column(1));
  await page.getByTestId("field-text").fill("Following up: {{vars.note}}");
  await expect(canvas.node(send)).toContainText("Following up: {{vars.note}}");
  const end = await canvas.drop("flow.end", column(2));

  await canvas.connect(start, "out", send);
  await canvas.connect(send, "out", end);
  await expect(page.getByTestId("issues-panel")).toHaveAttribute("data-count", "0");
  await publish(page);

  // 2. A visitor asks the demo Support chat for help, which opens a task for an operator.
  await page.goto("/chat");
  const chat = page.getByTestId("webchat-panel");
  await chat.getByTestId("chat-name").fill(visitor);
  await chat.getByTestId("chat-input").fill("I need help");
  await chat.getByTestId("chat-input").press("Enter");
  const messages = chat.getByTestId("chat-message");
  await expect(messages.filter({ hasText: "Let me find a colleague for you, one moment." })).toHaveAttribute("data-author", "bot");

  // 3. The operator opens the task (a second tab of the same browser, the chat stays open) …
  const desk = await context.newPage();
  await desk.goto("/workspace");
  await desk
    .getByTestId("task-row")
    .filter({ hasText: `${visitor} asks: I need help` })
    .click();
  const card = desk.getByTestId("task-detail").getByTestId("customer-card");
  await expect(card.getByTestId("customer-name")).toHaveText(visitor);

  // … and starts the flow for this customer with a note.
  const form = card.getByTestId("start-flow");
  await expect(form.getByTestId("start-flow-select").getByRole("option", { name: flowName })).toHaveCount(1);
  await form.getByTestId("start-flow-select").selectOption({ label: flowName });
  await form.getByTestId("start-flow-note").fill(note);
  await form.getByTestId("start-flow-submit").click();
  const started = form.getByTestId("start-flow-started");
  await expect(started).toContainText("Started");
  await expect(started.getByRole("link", { name: "Open the instance" })).toHaveAttribute("href", /^\/instances\/[^/]+$/);
  await expect(form.getByTestId("start-flow-note")).toHaveValue("");

  // 4. The customer reads the flow's message, with the note, in the same chat.
  await expect(messages.filter({ hasText: `Following up: ${note}` })).toHaveAttribute("data-author", "bot");

  // The link leads to the instance the operator started: it ran to its end on v1.
  await started.getByRole("link", { name: "Open the instance" }).click();
  const view = desk.getByTestId("instance-view");
  await expect(view.getByTestId("instance-status")).toHaveText("completed");
  await expect(view.getByTestId("instance-version")).toHaveText("v1");
  await desk.close();
});

test("a complaint-routing flow from the template shows its skills and SLA on the operator task, its escalation, and publishes", async ({ page }) => {
  const flowId = await createFlowFromTemplate(page, "complaint-routing");
  flowIds.push(flowId);
  await expect(page.getByTestId("flow-name")).toHaveText("Complaint routing");

  // The conflict-resolution task promises an answer within 30 minutes; the fallback support task has no SLA.
  await expect(page.getByTestId("flow-node-conflict")).toContainText("Queue conflict-resolution · needs complaints · high · SLA 30 min");
  await expect(page.getByTestId("flow-node-conflict")).toContainText("SLA breached");
  await expect(page.getByTestId("flow-node-support")).not.toContainText("SLA");
  // On breach the same task moves to supervisors, urgent, with a new 30-minute SLA.
  await expect(page.getByTestId("flow-node-supervisor")).toContainText("To supervisors · urgent · SLA 30 min");
  // The flow may open at the readable zoom on its trigger with the escalation out of view: fit it first, as a person would.
  await page.getByTestId("fit-view-button").click();
  await page.getByTestId("flow-node-supervisor").click({ position: { x: 40, y: 12 } });
  await expect(page.getByTestId("field-to")).toHaveValue("supervisors");
  await expect(page.getByTestId("field-slaMinutes")).toHaveValue("30");

  await expect(page.getByTestId("issues-panel")).toHaveAttribute("data-count", "0");
  await publish(page);
});
