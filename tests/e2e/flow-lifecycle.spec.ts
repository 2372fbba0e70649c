import { expect, type Page, test } from "@playwright/test";
import type { FlowExport } from "../../engine/contracts/flow";
import { deleteFlow, DESKTOP, importFlow, unique } from "./support/app";

test.use({ viewport: DESKTOP });

const at = (x: number) => ({ x, y: 120 });
/** A second web-chat flow: greets and waits for the reply, like the demo's Support chat does. */
const hoursBot = (greeting: string): FlowExport["document"] => ({
  nodes: [
    { id: "start", type: "trigger.message-received", position: at(0), settings: { channel: "webchat", on: "any-message" } },
    { id: "hello", type: "message.send", position: at(320), settings: { text: greeting } },
    { id: "wait", type: "message.wait-reply", position: at(640), settings: { timeoutSeconds: 0 } },
    { id: "end", type: "flow.end", position: at(960), settings: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "hello" },
    { id: "e2", source: "hello", sourcePort: "out", target: "wait" },
    { id: "e3", source: "wait", sourcePort: "reply", target: "end" },
  ],
});

/** Writes on the public web chat as a new visitor and waits for the bot's answer. */
async function chatAs(page: Page, visitor: string, answer: string) {
  await page.goto("/chat");
  const chat = page.getByTestId("webchat-panel");
  await chat.getByTestId("chat-name").fill(visitor);
  await chat.getByTestId("chat-input").fill("what are your opening hours?");
  await chat.getByTestId("chat-input").press("Enter");
  await expect(chat.getByTestId("chat-message").filter({ hasText: answer })).toHaveAttribute("data-author", "bot");
}

test("a web-chat flow is refused naming Support chat, goes first once ordered, is deactivated with its waiting instance", async ({ page }) => {
  const name = unique("Hours bot");
  const greeting = `${name} answers: we are open 9 to 5.`;
  const flowId = await importFlow(page, name, hoursBot(greeting));

  // Publishing is refused: the flow it would shadow is named, and the dialog asks which goes first.
  await page.getByTestId("publish-button").click();
  const result = page.getByTestId("publish-result");
  await expect(result).toHaveAttribute("data-ok", "false");
  await expect(result).toContainText('"Support chat" already listens to Any channel · any message');
  // A question to answer, not a fault: shown in amber, not red.
  await expect(result).toHaveAttribute("data-notice", "true");
  const dialog = page.getByTestId("flow-order-dialog");
  await expect(dialog.getByTestId("flow-order-refusal")).toContainText('"Support chat" already listens to Any channel · any message');
  // Support chat takes every channel, this flow web chat only: this flow is proposed first, to answer there.
  await expect(dialog.getByTestId("flow-order-item-0")).toContainText(`${name} (this flow)`);
  const last = dialog.getByTestId(/^flow-order-item-/).last();
  await expect(last).toContainText("Support chat");
  await expect(last).toContainText("listens to Any channel · any message");

  // Moved down and up again: the order confirmed is the one shown.
  await dialog.getByRole("button", { name: `Move ${name} (this flow) down` }).click();
  await expect(dialog.getByTestId("flow-order-item-0")).toContainText("Support chat");
  await last.getByRole("button", { name: `Move ${name} (this flow) up` }).click();
  await expect(dialog.getByTestId("flow-order-item-0")).toHaveAttribute("data-flow-id", flowId);
  await dialog.getByTestId("flow-order-confirm").click();
  await expect(dialog).toBeHidden();
  await expect(result).toHaveText("Published v1");
  const visitor = unique("Visitor");
  await chatAs(page, visitor, greeting);

  // The flows list says what each published flow listens to, and that both are active.
  await page.goto("/");
  const row = page.getByTestId(`flow-row-${flowId}`);
  await expect(row.getByTestId(`flow-listens-${flowId}`)).toHaveText("Web chat · any message");
  await expect(row.getByTestId(`flow-active-${flowId}`)).toHaveText("Active");
  const demo = page.getByTestId(/^flow-row-/).filter({ has: page.getByRole("link", { name: "Support chat", exact: true }) });
  await expect(demo.getByTestId(/^flow-listens-/)).toHaveText("Any channel · any message");
  await expect(demo.getByTestId(/^flow-active-/)).toHaveText("Active");

  // Deactivating shows the waiting conversation first; cancelled with it, the flow starts nothing more.
  await row.getByTestId(`flow-deactivate-${flowId}`).click();
  const confirm = page.getByTestId("deactivate-flow-dialog");
  await expect(confirm.getByTestId("deactivate-waiting-count")).toHaveText("1 waiting instance");
  await confirm.getByTestId("deactivate-cancel-waiting").check();
  await confirm.getByTestId("confirm-deactivate").click();
  await expect(confirm).toBeHidden();
  await expect(row.getByTestId(`flow-active-${flowId}`)).toHaveText("Deactivated");
  await expect(row.getByTestId(`flow-activate-${flowId}`)).toBeVisible();
  await chatAs(page, unique("Visitor"), "this is Omniflow support.");

  // Its instances page shows the cancelled conversation.
  await page.goto(`/flows/${flowId}/instances`);
  await expect(page.getByTestId(/^instance-row-/)).toHaveCount(1);
  await expect(page.getByTestId(/^instance-row-/)).toContainText("cancelled");

  await deleteFlow(page, flowId);
});

test("the disabled Create button says why", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("new-flow").click();
  const dialog = page.getByTestId("flow-name-dialog");
  await dialog.getByTestId("flow-name-input").fill("   ");
  await expect(dialog.getByTestId("flow-name-submit")).toBeDisabled();
  await expect(dialog.getByTestId("flow-name-required")).toHaveText("Type a name first: a flow needs one.");
  await dialog.getByTestId("flow-name-input").fill("Named");
  await expect(dialog.getByTestId("flow-name-required")).toHaveCount(0);
  await expect(dialog.getByTestId("flow-name-submit")).toBeEnabled();
});
