import { expect, test } from "@playwright/test";
import { refundDeskFlow } from "../../engine/testing/flows";
import { deleteFlow, DESKTOP, importFlow, publish, unique } from "./support/app";

test.use({ viewport: DESKTOP });

/** The refund desk laid out left to right, so each node can be seen and clicked. */
const PLACES: Record<string, [number, number]> = {
  start: [0, 0],
  route: [300, 0],
  desk: [600, -120],
  hello: [600, 180],
  paid: [900, -240],
  sorry: [900, 0],
  done: [1200, 0],
};
const refundDesk = () => {
  const doc = refundDeskFlow("refund");
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: { x: PLACES[n.id][0], y: PLACES[n.id][1] } })) };
};

let flowId: string | undefined;
test.afterEach(async ({ page }) => {
  if (flowId) await deleteFlow(page, flowId);
  flowId = undefined;
});

test("a real run replayed on the draft: the same path, then where an edited branch parts", async ({ page }) => {
  flowId = await importFlow(page, unique("Replay desk"), refundDesk());
  await publish(page);

  // A visitor asks for a refund in the editor's test chat: the published v1 hands them to an operator.
  await page.getByTestId("chat-toggle").click();
  const chat = page.getByTestId("chat-panel");
  await chat.getByTestId("chat-input").fill("I want a refund for order 12");
  await chat.getByTestId("chat-send").click();
  await expect(chat.getByTestId("chat-message").filter({ hasText: "I want a refund" })).toHaveAttribute("data-author", "customer");

  // From the instance page, "Replay on draft" opens Simulate on the replay: the unchanged draft goes the same way.
  await page.goto(`/flows/${flowId}/instances`);
  await page.getByTestId("instances-table").locator("tbody a").first().click();
  await expect(page.getByTestId("instance-view")).toBeVisible();
  await page.getByTestId("instance-replay").click();
  await page.waitForURL(/\/flows\/[^/?]+\?replay=/);
  const result = page.getByTestId("replay-result");
  await expect(result).toHaveAttribute("data-diverged", "no");
  await expect(page.getByTestId("replay-same")).toBeVisible();
  await expect(page.getByTestId("replay-draft-node")).toHaveCount(3); // start, route, desk: it waits there as the real one does
  await page.screenshot({ path: "test-results/replay-same-path.png" });

  // Edit the draft: the refund rule now looks for other words.
  await page.getByTestId("simulate-close").click();
  await page.getByTestId("flow-node-route").click({ position: { x: 40, y: 12 } });
  await expect(page.getByTestId("inspector-node-id")).toHaveText("route");
  await page.getByTestId("field-rules.0.pattern").fill("money back");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");

  await page.getByTestId("simulate-toggle").click();
  await page.getByTestId("sim-tab-replay").click();
  await expect(result).toHaveAttribute("data-diverged", "yes");
  await expect(page.getByTestId("replay-divergence")).toHaveText("Parts at step 1: really Assign to queue, the draft Send reply.");
  const parted = page.locator('[data-testid="replay-row"][data-parted="yes"]');
  await expect(parted.getByTestId("replay-real-node")).toHaveAttribute("data-node-id", "desk");
  await expect(parted.getByTestId("replay-draft-node")).toHaveAttribute("data-node-id", "hello");
  await expect(page.getByTestId("replay-sent-draft")).toContainText("How can we help?");
  await expect(page.getByTestId("flow-node-hello")).toHaveAttribute("data-mark", "current");

  // The parting is clickable: it selects the draft's node on the canvas.
  await parted.getByTestId("replay-draft-node").click();
  await expect(page.locator('.react-flow__node[data-id="hello"]')).toHaveClass(/selected/);
  await page.screenshot({ path: "test-results/replay-divergence.png" });
});
