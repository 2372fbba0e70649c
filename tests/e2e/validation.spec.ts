import { expect, test } from "@playwright/test";
import { createFlow, deleteFlow, DESKTOP, publish, unique } from "./support/app";
import { Canvas } from "./support/canvas";

test.use({ viewport: DESKTOP });

let flowId: string | undefined;
test.afterEach(async ({ page }) => {
  if (flowId) await deleteFlow(page, flowId);
  flowId = undefined;
});

test("problems show on the nodes and in the issues list, block publishing, and go away once fixed", async ({ page }) => {
  const canvas = new Canvas(page);
  const issues = page.getByTestId("issues-panel");
  const publishResult = page.getByTestId("publish-result");
  flowId = await createFlow(page, unique("Validation"));

  // Two nodes that are not connected; the message is still empty.
  const pane = (await canvas.pane.boundingBox())!;
  const send = await canvas.drop("message.send", { x: pane.width / 2 + 40, y: pane.height / 2 - 150 });
  const end = await canvas.drop("flow.end", { x: pane.width / 2 + 40, y: pane.height / 2 + 150 });

  // The empty message is an error on the node itself and under its field.
  const sendCard = page.getByTestId(`flow-node-${send}`);
  await expect(sendCard).toHaveAttribute("data-invalid", "true");
  await expect(page.getByTestId(`node-error-${send}`)).toHaveText("Message: Required");
  await expect(page.getByTestId(`flow-node-${end}`)).toHaveAttribute("data-invalid", "true");
  await expect(page.getByTestId(`node-error-${end}`)).toContainText("cannot be reached");
  await expect(page.getByTestId("issue-count")).toHaveText("3 problems to fix before publishing");

  // The list names each problem with its node; clicking one selects that node.
  await canvas.clickEmpty();
  await expect(page.getByTestId("inspector-empty")).toBeVisible();
  await page.getByTestId("issues-toggle").click();
  const items = page.getByTestId("issue-item");
  await expect(items).toHaveCount(3);
  await expect(items.and(page.locator(`[data-node-id="trigger"]`))).toHaveAttribute("data-code", "unconnected-port");
  await expect(items.and(page.locator(`[data-node-id="${send}"]`))).toHaveAttribute("data-code", "invalid-settings");
  const endIssue = items.and(page.locator(`[data-node-id="${end}"]`));
  await expect(endIssue).toHaveAttribute("data-code", "unreachable-node");
  await endIssue.click();
  await expect(page.getByTestId("inspector-node-id")).toHaveText(end);
  await expect(canvas.node(end)).toHaveClass(/selected/);

  await items.and(page.locator(`[data-node-id="${send}"]`)).click();
  await expect(page.getByTestId("inspector-node-id")).toHaveText(send);
  await expect(page.getByTestId("field-error-text")).toHaveText("Required");
  await expect(page.getByTestId("field-text")).toHaveAttribute("aria-invalid", "true");

  // Publishing is refused, with the problems listed.
  await page.getByTestId("publish-button").click();
  await expect(publishResult).toHaveText("Not published: 3 problems");
  await expect(publishResult).toHaveAttribute("data-ok", "false");
  await expect(publishResult).toHaveAttribute("data-notice", "false"); // a fault to fix: red
  await expect(page.getByTestId("issue-list")).toBeVisible();
  await expect(page.getByTestId("versions-button")).not.toContainText("1");

  // Deleting a node, then undo (Ctrl+Z) and redo (Ctrl+Shift+Z) from the keyboard.
  await canvas.node(end).click({ position: { x: 40, y: 12 } });
  await expect(page.getByTestId("inspector-node-id")).toHaveText(end);
  await page.keyboard.press("Delete");
  await expect(canvas.node(end)).toHaveCount(0);
  await expect(page.getByTestId("issue-count")).toHaveText("2 problems to fix before publishing");
  await page.keyboard.press("ControlOrMeta+z");
  await expect(canvas.node(end)).toBeVisible();
  await expect(page.getByTestId("issue-count")).toHaveText("3 problems to fix before publishing");
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(canvas.node(end)).toHaveCount(0);
  await page.keyboard.press("ControlOrMeta+z");
  await expect(canvas.node(end)).toBeVisible();

  // Fix everything: write the message, connect trigger → send → end.
  await canvas.node(send).click({ position: { x: 40, y: 12 } });
  await page.getByTestId("field-text").fill("Thanks, we got your message.");
  await expect(page.getByTestId(`node-error-${send}`)).toContainText('Output "Sent" is not connected.');
  await expect(page.getByTestId("field-error-text")).toHaveCount(0);
  await canvas.connect("trigger", "out", send);
  await canvas.connect(send, "out", end);
  await expect(issues).toHaveAttribute("data-count", "0");
  await expect(issues).toContainText("No problems: ready to publish");
  for (const id of ["trigger", send, end]) await expect(page.getByTestId(`flow-node-${id}`)).not.toHaveAttribute("data-invalid");

  await publish(page);

  // The versions menu lists v1 with who published it; opening it shows it on a read-only canvas, and its compiled machine.
  await page.getByTestId("versions-button").click();
  await expect(page.getByTestId("version-item-1")).toContainText("by Alex Morgan");
  await page.getByTestId("version-item-1").click();
  const dialog = page.getByTestId("version-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Version 1");
  await expect(dialog.getByTestId("version-canvas").locator(`[data-id="${send}"]`)).toBeVisible();
  await dialog.getByTestId("version-view-machine").click();
  const machine = JSON.parse((await dialog.getByTestId("version-machine-json").textContent())!) as Record<string, unknown>;
  expect(machine).toHaveProperty("states");
  expect(JSON.stringify(machine)).toContain("Thanks, we got your message.");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});
