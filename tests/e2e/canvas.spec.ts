import { expect, test, type Page } from "@playwright/test";
import { chainFlow } from "../../bench/lib/flows";
import type { FlowDocument } from "../../engine/contracts/flow";
import { deleteFlow, DESKTOP, importFlow, publish, unique } from "./support/app";
import { Canvas } from "./support/canvas";

test.use({ viewport: DESKTOP });

let flowId: string | undefined;
test.afterEach(async ({ page }) => {
  if (flowId) await deleteFlow(page, flowId);
  flowId = undefined;
});

type Node = FlowDocument["nodes"][number];
const node = (id: string, type: string, x: number, y: number, settings: Record<string, unknown> = {}): Node => ({ id, type, position: { x, y }, settings });
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/canvas-${name}.png` });

test("an imported connection to a missing node is drawn, selected from the issues list, deleted, and publishing unblocks", async ({ page }) => {
  const canvas = new Canvas(page);
  flowId = await importFlow(page, unique("Broken import"), {
    nodes: [
      node("trigger", "trigger.message-received", 0, 0, { channel: "any" }),
      node("hello", "message.send", 300, 0, { text: "Hello" }),
      node("bye", "flow.end", 600, 0),
    ],
    edges: [
      { id: "e1", source: "trigger", sourcePort: "out", target: "hello" },
      { id: "e2", source: "hello", sourcePort: "out", target: "bye" },
      // Exported from a flow that had more nodes: one leads to a node left behind, one comes from one.
      { id: "to-ghost", source: "bye", sourcePort: "out", target: "ghost" },
      { id: "from-phantom", source: "phantom", sourcePort: "out", target: "hello" },
    ],
  });

  // Both are drawn, to and from a "missing node" marker, and counted as problems.
  await expect(page.getByTestId("missing-node-ghost")).toBeVisible();
  await expect(page.getByTestId("missing-node-phantom")).toBeVisible();
  await expect(page.locator('.react-flow__edge[data-id="to-ghost"]')).toHaveCount(1);
  await expect(page.locator('.react-flow__edge[data-id="from-phantom"]')).toHaveCount(1);
  await expect(page.getByTestId("issue-count")).toHaveText("2 problems to fix before publishing");

  // Clicking the issue selects the connection; the inspector says what is wrong and deletes it.
  await page.getByTestId("issues-toggle").click();
  await page.getByTestId("issue-item").and(page.locator('[data-edge-id="to-ghost"]')).click();
  await expect(page.locator('.react-flow__edge[data-id="to-ghost"]')).toHaveClass(/selected/);
  const inspector = page.getByTestId("inspector-connection-to-ghost");
  await expect(inspector).toContainText("points at a node that does not exist");
  await shot(page, "dangling-selected");
  await page.getByTestId("inspector-delete-connections").click();
  await expect(page.locator('.react-flow__edge[data-id="to-ghost"]')).toHaveCount(0);
  await expect(page.getByTestId("missing-node-ghost")).toHaveCount(0);

  // The other one (its source is missing, so it is about no node) is deleted from its row.
  await page.getByTestId("issue-delete-edge-from-phantom").click();
  await expect(page.getByTestId("missing-node-phantom")).toHaveCount(0);
  await expect(page.getByTestId("issues-panel")).toHaveAttribute("data-count", "0");
  await canvas.clickEmpty();
  await shot(page, "dangling-repaired");
  await publish(page);
});

test("an imported invalid choice shows as invalid in the inspector, not as the first option", async ({ page }) => {
  flowId = await importFlow(page, unique("Bad value"), {
    nodes: [node("trigger", "trigger.message-received", 0, 0, { channel: "fax" })],
    edges: [],
  });
  await page.getByTestId("flow-node-trigger").click();
  const select = page.getByTestId("field-channel");
  await expect(select).toHaveAttribute("aria-invalid", "true");
  await expect(select.locator("option:checked")).toHaveText('"fax" (not valid)');
  await expect(page.getByTestId("field-stray-channel")).toContainText('"fax"');
  await shot(page, "invalid-choice");
  await select.selectOption("webchat");
  await expect(select).not.toHaveAttribute("aria-invalid", "true");
});

test("auto-layout untangles a pile of nodes in one undoable step", async ({ page }) => {
  const canvas = new Canvas(page);
  // Everything imported on one spot, as a flow generated elsewhere might be.
  flowId = await importFlow(page, unique("Messy"), {
    nodes: [
      node("trigger", "trigger.message-received", 0, 0, { channel: "any" }),
      node("ask", "message.send", 10, 10, { text: "Order number?" }),
      node("wait", "message.wait-reply", 20, 20, { timeoutSeconds: 600 }),
      node("thanks", "message.send", 30, 30, { text: "Thanks" }),
      node("nudge", "message.send", 40, 40, { text: "Still there?" }),
      node("done", "flow.end", 50, 50),
    ],
    edges: [
      { id: "e1", source: "trigger", sourcePort: "out", target: "ask" },
      { id: "e2", source: "ask", sourcePort: "out", target: "wait" },
      { id: "e3", source: "wait", sourcePort: "reply", target: "thanks" },
      { id: "e4", source: "wait", sourcePort: "timeout", target: "nudge" },
      { id: "e5", source: "thanks", sourcePort: "out", target: "done" },
      { id: "e6", source: "nudge", sourcePort: "out", target: "done" },
    ],
  });
  const ids = ["trigger", "ask", "wait", "thanks", "nudge", "done"];
  const boxes = async () => Promise.all(ids.map(async (id) => (await canvas.node(id).boundingBox())!));
  const overlaps = async () => {
    const b = await boxes();
    return b.flatMap((a, i) => b.slice(i + 1).filter((c) => a.x < c.x + c.width && c.x < a.x + a.width && a.y < c.y + c.height && c.y < a.y + a.height)).length;
  };
  expect(await overlaps()).toBeGreaterThan(0);

  await page.getByTestId("auto-layout-button").click();
  await expect.poll(overlaps).toBe(0);
  // Left to right along every connection. Polled as a whole: the view fits the new layout in an animation, and boxes
  // read one after another during it come from different moments.
  const leftToRight = async () => {
    const [trigger, ask, wait, thanks, nudge, done] = await boxes();
    const pairs = [
      [trigger, ask],
      [ask, wait],
      [wait, thanks],
      [wait, nudge],
      [thanks, done],
    ];
    return pairs.every(([from, to]) => to.x > from.x + from.width);
  };
  await expect.poll(leftToRight).toBe(true);
  await shot(page, "auto-layout");

  await page.getByTestId("undo-button").click();
  await expect.poll(overlaps).toBeGreaterThan(0);
});

test("a large imported flow opens readable at its trigger, fits whole on demand, and only mounts what is in view", async ({ page }) => {
  const canvas = new Canvas(page);
  const size = 200; // drawn as one long line: 38,000 px wide
  flowId = await importFlow(page, unique("Large"), chainFlow(size));
  await expect(page.getByTestId("flow-canvas")).toHaveAttribute("data-opened", "true");

  // Readable, not ~0.2: the trigger at the left, vertically centred; the rest is off screen and not mounted.
  expect(await canvas.zoom()).toBeCloseTo(0.6, 2);
  const pane = (await canvas.pane.boundingBox())!;
  const start = (await canvas.node("start").boundingBox())!;
  expect(start.x - pane.x).toBeLessThan(100);
  expect(Math.abs(start.y + start.height / 2 - (pane.y + pane.height / 2))).toBeLessThan(10);
  expect(await page.locator(".react-flow__node").count()).toBeLessThan(40);
  await expect(page.getByTestId("minimap-toggle")).toHaveAttribute("aria-pressed", "true");
  await shot(page, "large-opened");

  // Fit view shows every node (far below the old 0.2 floor), all mounted now that all are in view.
  await page.getByTestId("fit-view-button").click();
  await expect.poll(() => canvas.zoom()).toBeLessThan(0.05);
  await expect(page.locator(".react-flow__node")).toHaveCount(size);
  const last = (await canvas.node("done").boundingBox())!;
  expect(last.x + last.width).toBeLessThanOrEqual(pane.x + pane.width);
  await shot(page, "large-fitted");

  // The minimap can be hidden.
  await page.getByTestId("minimap-toggle").click();
  await expect(page.locator(".react-flow__minimap")).toHaveCount(0);
});

test("a dropped node lands centred on the pointer, and whole inside the canvas near its edge", async ({ page }) => {
  flowId = await importFlow(page, unique("Drops"), { nodes: [node("trigger", "trigger.message-received", 0, 0, { channel: "any" })], edges: [] });
  const canvas = new Canvas(page);
  const pane = (await canvas.pane.boundingBox())!;
  const zoom = await canvas.zoom();
  const middle = { x: pane.width / 2, y: pane.height / 2 + 150 };
  const id = await canvas.drop("flow.end", middle);
  const box = (await canvas.node(id).boundingBox())!;
  expect(Math.abs(box.x + 120 * zoom - (pane.x + middle.x))).toBeLessThan(4);

  // At the right edge, next to the inspector: moved in so it is all visible.
  const edgeId = await canvas.drop("flow.end", { x: pane.width - 5, y: pane.height / 2 - 150 });
  const atEdge = (await canvas.node(edgeId).boundingBox())!;
  expect(atEdge.x + atEdge.width).toBeLessThanOrEqual(pane.x + pane.width);
  await shot(page, "drops");
});

test("publishing a loop that waits for nobody succeeds with a warning the owner reads, and the flow is live", async ({ page }) => {
  // Send → Delivered → the same Send: nothing but the per-instance caps would stop it.
  flowId = await importFlow(page, unique("Delivery loop"), {
    nodes: [
      node("start", "trigger.message-received", 0, 0, { channel: "sms" }),
      node("spam", "message.send", 280, 0, { text: "Hello again", awaitDelivery: true }),
      node("end", "flow.end", 560, 0),
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "out", target: "spam" },
      { id: "e2", source: "spam", sourcePort: "delivered", target: "spam" },
      { id: "e3", source: "spam", sourcePort: "failed", target: "end" },
    ],
  });
  // Before publishing, the panel under the canvas says what publishing will warn of, and leads to the node.
  await expect(page.getByTestId("warning-count")).toHaveText("No problems; publishing will show 1 warning");
  await page.getByTestId("issues-toggle").click();
  await expect(page.getByTestId("issue-item")).toHaveAttribute("data-code", "loop-without-person");
  await page.getByTestId("issue-item").click();
  await expect(page.getByTestId("inspector")).toContainText("Send reply");
  await publish(page, "Published v1 with 1 warning");
  const dialog = page.getByTestId("publish-warnings");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("The version is live, with these warnings:");
  await expect(dialog).toContainText("this loop waits for neither the customer nor an operator");
  await shot(page, "publish-warnings");
  await dialog.getByRole("button", { name: "Got it" }).click();
  await expect(dialog).toBeHidden();
  // The warning stays one click away.
  await page.getByTestId("publish-result").getByRole("button").click();
  await expect(dialog).toBeVisible();
});
