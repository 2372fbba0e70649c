import { expect, type Page, test } from "@playwright/test";
import type { FlowExport } from "../../engine/contracts/flow";
import { deleteFlow, DESKTOP, importFlow, publish, trpcMutation, unique } from "./support/app";
import { Canvas } from "./support/canvas";

test.use({ viewport: DESKTOP });

const at = (x: number) => ({ x, y: 120 });
/** Greets, waits a day for the reply (else ends), thanks the customer: every visitor who wrote once waits in `wait`. */
const waitingBot = (greeting: string): FlowExport["document"] => ({
  nodes: [
    { id: "start", type: "trigger.message-received", position: at(0), settings: { channel: "webchat", on: "any-message" } },
    { id: "hello", type: "message.send", position: at(320), settings: { text: greeting } },
    { id: "wait", type: "message.wait-reply", position: at(640), settings: { timeoutSeconds: 86_400 } },
    { id: "thanks", type: "message.send", position: at(960), settings: { text: "v1: thanks" } },
    { id: "end", type: "flow.end", position: at(1280), settings: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "hello" },
    { id: "e2", source: "hello", sourcePort: "out", target: "wait" },
    { id: "e3", source: "wait", sourcePort: "reply", target: "thanks" },
    { id: "e4", source: "thanks", sourcePort: "out", target: "end" },
    { id: "e5", source: "wait", sourcePort: "timeout", target: "end" },
  ],
});

type Visitor = { visitorId: string; token: string };

/** A new web chat visitor writes to the flow (by its id, as the editor's test chat does): one more waiting instance. */
async function visitorWrites(page: Page, flowId: string): Promise<Visitor> {
  const visitor = (await trpcMutation(page, "webchat.newVisitor", undefined)) as Visitor;
  await trpcMutation(page, "webchat.send", { token: visitor.token, text: "hi", flowId });
  return visitor;
}

/** What the visitor's chat shows, as their widget reads it. */
async function chatTexts(page: Page, token: string): Promise<string[]> {
  const input = encodeURIComponent(JSON.stringify({ json: { token } }));
  const response = await page.request.get(`/api/trpc/webchat.messages?input=${input}`);
  const { messages } = ((await response.json()) as { result: { data: { json: { messages: { text: string }[] } } } }).result.data.json;
  return messages.map((m) => m.text);
}

test("migrate 100 waiting instances: counted per node after publishing v2, mapped, previewed, moved, and they go on in v2", async ({ page }) => {
  test.setTimeout(180_000);
  const name = unique("Waiting bot");
  const flowId = await importFlow(page, name, waitingBot(`${name}: hello`));
  await publish(page);

  // 100 visitors write once and wait for a reply on v1.
  const visitors: Visitor[] = [];
  for (let i = 0; i < 100; i += 10) visitors.push(...(await Promise.all(Array.from({ length: 10 }, () => visitorWrites(page, flowId)))));
  await page.goto(`/flows/${flowId}/instances`);
  await expect(page.getByTestId(/^instance-row-/)).toHaveCount(100);

  // v2 thanks the customer differently.
  await page.goto(`/flows/${flowId}`);
  const canvas = new Canvas(page);
  await canvas.node("thanks").click({ position: { x: 40, y: 12 } });
  await expect(page.getByTestId("inspector-node-id")).toHaveText("thanks");
  await page.getByTestId("field-text").fill("v2: thanks, we are on it");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await publish(page, "Published v2");

  // Publishing says who still waits on v1 and opens the plan: the node they wait in, pre-mapped to the same id.
  await expect(page.getByTestId("publish-migrate")).toHaveText("Migrate 100 waiting");
  await page.getByTestId("publish-migrate").click();
  const dialog = page.getByTestId("migrate-dialog");
  await expect(dialog.getByTestId("migrate-from")).toHaveValue(/.+/);
  await expect(dialog.getByTestId("migrate-count-wait")).toHaveText("100");
  const target = dialog.getByTestId("migrate-target-wait");
  await expect(target).toHaveValue("wait");

  // Unmapped, the plan is refused naming the node, and nothing can be applied.
  await target.selectOption("");
  await expect(dialog.getByTestId("migrate-problem")).toHaveText('waiting node "wait" has no node of version 2 to go to: pick one');
  await expect(dialog.getByTestId("migrate-apply")).toBeDisabled();

  // Mapped again: the preview counts what moves where.
  await target.selectOption("wait");
  await expect(dialog.getByTestId("migrate-preview")).toContainText("Preview: 100 instances move to v2");
  await expect(dialog.getByTestId("migrate-preview-wait")).toHaveText("wait → wait: 100");
  await page.screenshot({ path: "test-results/screens/migrate-preview.png" });
  await dialog.getByTestId("migrate-apply").click();
  await expect(dialog.getByTestId("migrate-result")).toHaveText(
    "Moved 100 instances to v2 (batches: 1). Followed them: timers 100, open tasks 0. Had moved on and stayed: 0.",
  );
  await dialog.getByTestId("migrate-close").click();

  // Every instance now waits on v2, and a reply goes on with v2's text.
  await page.goto(`/flows/${flowId}/instances`);
  await expect(page.getByTestId("instance-version").filter({ hasText: "v2" })).toHaveCount(100);
  await trpcMutation(page, "webchat.send", { token: visitors[0].token, text: "still there?", flowId });
  await expect.poll(() => chatTexts(page, visitors[0].token)).toContain("v2: thanks, we are on it");

  // The instance's log says what moved.
  await page
    .getByTestId(/^instance-row-/)
    .last()
    .click();
  await expect(page.getByTestId("event-log")).toContainText("Moved from v1 to v2: wait → wait");

  await deleteFlow(page, flowId);
});
