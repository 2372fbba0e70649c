import { expect, type Locator, test } from "@playwright/test";
import type { FlowExport } from "../../engine/contracts/flow";
import { deleteFlow, DESKTOP, importFlow, publish, unique } from "./support/app";
import { DEMO, stateFile } from "./support/auth";
import { Canvas } from "./support/canvas";

// The process owner's loop: publish, change, publish again, compare the two, go back to the first.
test.use({ viewport: DESKTOP, storageState: stateFile(DEMO.owner) });

const at = (x: number) => ({ x, y: 120 });
const OLD_TEXT = "Thanks for waiting, an operator will write to you.";
const NEW_TEXT = "Thanks! Reply here and an operator picks it up.";
const BYE_TEXT = "Have a good day.";

/** Started by an operator, so it takes no traffic from other flows: greets, pauses five minutes, ends. */
const v1: FlowExport["document"] = {
  nodes: [
    { id: "start", type: "trigger.operator-started", position: at(0), settings: {} },
    { id: "hello", type: "message.send", position: at(320), settings: { text: OLD_TEXT } },
    { id: "pause", type: "timer.delay", position: at(640), settings: { amount: 5, unit: "minutes" } },
    { id: "end", type: "flow.end", position: at(960), settings: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "hello" },
    { id: "e2", source: "hello", sourcePort: "out", target: "pause" },
    { id: "e3", source: "pause", sourcePort: "out", target: "end" },
  ],
};

test("diff two versions and restore one", async ({ page }) => {
  const flowId = await importFlow(page, unique("Callback"), v1);
  const canvas = new Canvas(page);
  await publish(page, "Published v1");

  // v2: the greeting reworded, the pause replaced by a goodbye.
  await canvas.node("hello").click({ position: { x: 40, y: 12 } });
  await page.getByTestId("field-text").fill(NEW_TEXT);
  const pause = (await canvas.node("pause").boundingBox())!;
  const pane = (await canvas.pane.boundingBox())!;
  await canvas.node("pause").click({ position: { x: 40, y: 12 } });
  await page.keyboard.press("Delete");
  await expect(canvas.node("pause")).toHaveCount(0);
  const bye = await canvas.drop("message.send", { x: pause.x - pane.x + 120, y: pause.y - pane.y + 200 });
  await page.getByTestId("field-text").fill(BYE_TEXT);
  await canvas.connect("hello", "out", bye);
  await canvas.connect(bye, "out", "end");
  await publish(page, "Published v2");

  // Compare opens on the latest version against the one before; the canvas shows v2 with v1's pause as a ghost.
  await page.getByTestId("versions-button").click();
  await expect(page.getByTestId("version-item-2")).toContainText("by Paula Owens");
  await page.screenshot({ path: "test-results/version-diff/versions-menu.png" });
  await page.getByTestId("versions-compare").click();
  const dialog = page.getByTestId("compare-dialog");
  await expect(dialog.getByTestId("compare-from")).toHaveValue(await optionValue(dialog.getByTestId("compare-from"), "v1"));
  await expect(dialog.getByTestId("compare-to")).toHaveValue(await optionValue(dialog.getByTestId("compare-to"), "v2"));
  const summary = dialog.getByTestId("compare-summary");
  // The greeting changed, the pause went, the goodbye came, and four connections went or came: seven changes.
  await expect(summary).toHaveText("7 changes");
  const diffCanvas = dialog.getByTestId("compare-canvas");
  await expect(diffCanvas.getByTestId("flow-node-hello")).toHaveAttribute("data-mark", "changed");
  await expect(diffCanvas.getByTestId("flow-node-pause")).toHaveAttribute("data-mark", "removed");
  await expect(diffCanvas.getByTestId(`flow-node-${bye}`)).toHaveAttribute("data-mark", "added");
  await expect(diffCanvas.getByTestId("flow-node-start")).toHaveAttribute("data-mark", "dim");
  await expect(diffCanvas.getByTestId("diff-badge-pause")).toHaveText("Removed");

  // The changed setting, old → new, under its form label.
  const setting = dialog.getByTestId("change-setting-hello-text");
  await expect(setting).toContainText("Message");
  await expect(setting.locator("del")).toContainText(OLD_TEXT);
  await expect(setting.locator("ins")).toContainText(NEW_TEXT);
  await expect(dialog.getByTestId("change-node-pause")).toContainText("Delay");
  await expect(dialog.getByTestId("change-node-pause")).toContainText("Removed");

  // Keyboard: the arrows walk the list, Enter shows the change on the canvas.
  const hello = dialog.getByTestId("change-node-hello");
  await hello.focus();
  await page.keyboard.press("ArrowDown");
  await expect(dialog.getByTestId(`change-node-${bye}`)).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(hello).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(hello).toHaveAttribute("aria-pressed", "true");
  await expect(diffCanvas.locator('.react-flow__node[data-id="hello"]')).toHaveClass(/selected/);
  await page.waitForTimeout(400); // the camera's move to the node
  await page.screenshot({ path: "test-results/version-diff/compare-v1-v2.png" });

  // Restore v1 (the "From" side) into the draft: the dialog closes and the draft is v1 again.
  await dialog.getByTestId("version-restore").click();
  await expect(dialog).toBeHidden();
  await expect(canvas.node("pause")).toBeVisible();
  await expect(canvas.node(bye)).toHaveCount(0);
  await canvas.node("hello").click({ position: { x: 40, y: 12 } });
  await expect(page.getByTestId("field-text")).toHaveValue(OLD_TEXT);

  // Compared with v1, the draft has no changes; compared with v2, it has them all, the other way round.
  await page.getByTestId("versions-button").click();
  await page.getByTestId("versions-compare").click();
  await dialog.getByTestId("compare-to").selectOption({ label: "Current draft" });
  await expect(summary).toHaveText("No changes: both run the same way.");
  await dialog.getByTestId("compare-from").selectOption(await optionValue(dialog.getByTestId("compare-from"), "v2"));
  await expect(summary).toHaveText("7 changes");
  await expect(diffCanvas.getByTestId(`flow-node-${bye}`)).toHaveAttribute("data-mark", "removed");
  await expect(diffCanvas.getByTestId("flow-node-pause")).toHaveAttribute("data-mark", "added");
  await page.screenshot({ path: "test-results/version-diff/compare-v2-draft.png" });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // The draft differs from v2, the latest: publishing it is allowed, as v3.
  await publish(page, "Published v3");
  await deleteFlow(page, flowId);
});

/** The value of the option whose label starts with `label` ("v1 · 2 Dec…"). */
async function optionValue(select: Locator, label: string): Promise<string> {
  return select.locator("option").evaluateAll((options, prefix) => {
    const found = (options as HTMLOptionElement[]).find((o) => o.textContent?.startsWith(`${prefix} `));
    return found?.value ?? "";
  }, label);
}
