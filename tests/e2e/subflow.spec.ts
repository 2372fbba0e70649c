import { expect, test } from "@playwright/test";
import { deleteFlow, DESKTOP, importFlow, publish, unique } from "./support/app";

test.use({ viewport: DESKTOP });

let flowIds: string[] = [];
test.afterEach(async ({ page }) => {
  for (const id of flowIds) await deleteFlow(page, id);
  flowIds = [];
});

const at = (x: number) => ({ x: x * 260, y: 0 });

test("a flow calling another can only be published once the called flow is, and the editor says why", async ({ page }) => {
  const childName = unique("Refund check");
  const childId = await importFlow(page, childName, {
    nodes: [
      { id: "called", type: "trigger.subflow-called", position: at(0), settings: { inputs: ["orderId: string"] } },
      { id: "end", type: "flow.end", position: at(1), settings: { outcome: "checked" } },
    ],
    edges: [{ id: "1", source: "called", sourcePort: "out", target: "end" }],
  });
  flowIds.push(childId);

  const parentId = await importFlow(page, unique("Support"), {
    nodes: [
      { id: "in", type: "trigger.message-received", position: at(0), settings: {} },
      { id: "call", type: "flow.call-subflow", position: at(1), settings: { flowId: childId, inputs: ["orderId = {{message.text}}"] } },
      { id: "ok", type: "flow.end", position: at(2), settings: {} },
      { id: "failed", type: "flow.end", position: at(2), settings: {} },
    ],
    edges: [
      { id: "1", source: "in", sourcePort: "out", target: "call" },
      { id: "2", source: "call", sourcePort: "done", target: "ok" },
      { id: "3", source: "call", sourcePort: "failed", target: "failed" },
    ],
  });
  flowIds.push(parentId);

  // Not published yet: the node and the issues list say so before anyone presses Publish.
  await expect(page.getByTestId("issue-count")).toHaveText("1 problem to fix before publishing");
  await page.getByTestId("issues-toggle").click();
  await expect(page.getByTestId("issue-item")).toContainText(`"${childName}" has no published version yet`);
  await page.getByTestId("flow-node-call").click({ position: { x: 40, y: 12 } });
  await expect(page.getByTestId("field-flowId").locator("option:checked")).toHaveText(`${childName} — not published`);

  // Publish the called flow; the caller's problem goes away and it publishes.
  await page.goto(`/flows/${childId}`);
  await publish(page);
  await page.goto(`/flows/${parentId}`);
  await expect(page.getByTestId("issues-panel")).toHaveAttribute("data-count", "0");
  await publish(page);
});
