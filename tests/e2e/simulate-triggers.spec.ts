import { expect, test } from "@playwright/test";
import type { FlowExport } from "../../engine/contracts/flow";
import { deleteFlow, DESKTOP, importFlow, unique } from "./support/app";

test.use({ viewport: DESKTOP });

let flowId: string | undefined;
test.afterEach(async ({ page }) => {
  if (flowId) await deleteFlow(page, flowId);
  flowId = undefined;
});

const at = (x: number, y: number) => ({ x, y });

/** A shop's "order shipped" call: express orders get their own message. */
const SHIPPED: FlowExport["document"] = {
  nodes: [
    { id: "shipped", type: "trigger.webhook", position: at(0, 120), settings: { hook: "order-shipped", fields: ["orderId: string", "express?: boolean"] } },
    { id: "is-express", type: "logic.expression", position: at(320, 120), settings: { expression: "vars.express" } },
    { id: "tell-express", type: "message.send", position: at(640, 0), settings: { text: "Express order {{vars.orderId}} arrives tomorrow." } },
    { id: "tell-standard", type: "message.send", position: at(640, 240), settings: { text: "Order {{vars.orderId}} is on its way." } },
    { id: "told", type: "flow.end", position: at(960, 120), settings: { outcome: "told" } },
  ],
  edges: [
    { id: "e1", source: "shipped", sourcePort: "out", target: "is-express" },
    { id: "e2", source: "is-express", sourcePort: "true", target: "tell-express" },
    { id: "e3", source: "is-express", sourcePort: "false", target: "tell-standard" },
    { id: "e4", source: "tell-express", sourcePort: "out", target: "told" },
    { id: "e5", source: "tell-standard", sourcePort: "out", target: "told" },
  ],
};

test("a flow started by a webhook is simulated with a scripted call: bad payloads are explained, a good one runs the express path", async ({
  page,
}, testInfo) => {
  flowId = await importFlow(page, unique("Order shipped"), SHIPPED);

  // 1. Simulate: the fresh script already starts the way the draft does, with a call of its webhook.
  await page.getByTestId("simulate-toggle").click();
  const panel = page.getByTestId("simulate-panel");
  await expect(panel.getByTestId("sim-step-0")).toHaveAttribute("data-kind", "webhook");

  // Start over and add the call by hand: the hook and the declared fields are filled in.
  await panel.getByTestId("sim-step-0-remove").click();
  await expect(panel.getByTestId("sim-step-0")).toHaveCount(0);
  await panel.getByTestId("sim-add-webhook").click();
  await expect(panel.getByTestId("sim-step-0")).toContainText("1. A system calls the webhook");
  await expect(panel.getByTestId("sim-step-0-hook")).toHaveValue("order-shipped");
  const payload = panel.getByTestId("sim-step-0-payload");
  expect(JSON.parse(await payload.inputValue())).toEqual({ orderId: "", express: false });

  // 2. Payload that is not JSON: the line says why and nothing runs.
  await payload.fill('{"orderId": A-17}');
  await panel.getByTestId("sim-run").click();
  await expect(panel.getByTestId("sim-step-0-problem")).toContainText("the payload must be valid JSON:");
  await expect(panel.getByTestId("sim-tab-script")).toHaveAttribute("aria-selected", "true");
  await panel.screenshot({ path: testInfo.outputPath("webhook-script.png") });

  // 3. JSON of the wrong shape: the trigger refuses it as the live endpoint would, naming the field.
  await payload.fill('{"orderId": 17}');
  await expect(panel.getByTestId("sim-step-0-problem")).toHaveCount(0);
  await panel.getByTestId("sim-run").click();
  const result = panel.getByTestId("sim-result");
  await expect(result).toHaveAttribute("data-status", "not-started");
  await expect(panel.getByTestId("sim-notes")).toContainText("Script step 1: payload.orderId: Invalid input: expected string, received number");
  await panel.screenshot({ path: testInfo.outputPath("webhook-refused.png") });

  // 4. An express order: the call runs through the condition to the express message and the end.
  await panel.getByTestId("sim-tab-script").click();
  await payload.fill(JSON.stringify({ orderId: "A-17", express: true }, null, 2));
  await panel.getByTestId("sim-run").click();
  await expect(result).toHaveAttribute("data-status", "completed");
  await expect(result).toHaveAttribute("data-outcome", "told");
  await expect(panel.getByTestId("sim-notes")).toHaveCount(0);
  await expect(panel.getByTestId("sim-result-step-0")).toContainText("Webhook order-shipped called with orderId, express");
  // The trace names nodes by title; the ids stay on the buttons for the canvas.
  const trail = panel.getByTestId("sim-result-step-0-trail").getByRole("button");
  await expect(trail).toHaveText(["Webhook", "Condition", "Send reply", "End"]);
  await expect(trail.nth(2)).toHaveAttribute("data-node-id", "tell-express");
  await expect(panel.getByTestId("sim-sent")).toHaveText(["Express order A-17 arrives tomorrow."]);
  await expect(page.getByTestId("sim-caption")).toContainText("Webhook order-shipped called");
  await expect(panel.getByTestId("sim-vars")).toContainText('"A-17"');

  // The canvas lights the path taken and dims the standard message.
  for (const id of ["shipped", "is-express", "tell-express"]) await expect(page.getByTestId(`flow-node-${id}`)).toHaveAttribute("data-mark", "path");
  await expect(page.getByTestId("flow-node-told")).toHaveAttribute("data-mark", "current");
  await expect(page.getByTestId("flow-node-tell-standard")).toHaveAttribute("data-mark", "dim");
  await page.screenshot({ path: testInfo.outputPath("webhook-run.png") });

  // Simulating changed nothing in the draft.
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
});
