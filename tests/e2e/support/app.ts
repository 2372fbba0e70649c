import { expect, type Page } from "@playwright/test";
import type { FlowExport } from "../../../engine/contracts/flow";

/** The editor needs room for palette, canvas and inspector; every editor spec uses this size. */
export const DESKTOP = { width: 1440, height: 900 };

/** A name no other test (or earlier run on the same database) uses. */
export const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Creates a flow from the flows page and waits for its editor; returns the flow id. */
export async function createFlow(page: Page, name: string): Promise<string> {
  await page.goto("/");
  await page.getByTestId("new-flow").click();
  const dialog = page.getByTestId("flow-name-dialog");
  await dialog.getByTestId("flow-name-input").fill(name);
  await dialog.getByTestId("flow-name-submit").click();
  await page.waitForURL(/\/flows\/[^/]+$/);
  await expect(page.getByTestId("flow-node-trigger")).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

/**
 * Publishes the open flow and waits for `published` ("Published v1"). A flow whose trigger takes
 * events another active flow takes (the demo's Support chat takes web chat) is refused until an
 * order is given: it accepts the order the dialog proposes, this flow last, so the flows already
 * live keep their traffic (the editor's test chat still reaches this flow by its id).
 */
export async function publish(page: Page, published = "Published v1"): Promise<void> {
  await page.getByTestId("publish-button").click();
  const result = page.getByTestId("publish-result");
  await expect(result).toBeVisible();
  const order = page.getByTestId("flow-order-dialog");
  const refused = (await result.getAttribute("data-ok")) === "false";
  // The dialog opens with the refusal; waited for briefly, since isVisible() does not wait.
  const asked =
    refused &&
    (await order.waitFor({ timeout: 3000 }).then(
      () => true,
      () => false,
    ));
  if (asked) await order.getByTestId("flow-order-confirm").click();
  await expect(result).toHaveText(published);
  await expect(result).toHaveAttribute("data-ok", "true");
}

/**
 * Deletes a flow from the flows page. Specs that publish call it when they finish: unrouted
 * web-chat messages go to the newest published flow, so a leftover test flow would answer the
 * /chat page in place of the demo.
 */
export async function deleteFlow(page: Page, flowId: string): Promise<void> {
  page.on("dialog", (dialog) => void dialog.accept()); // the editor's "unsaved changes" prompt
  await page.goto("/");
  const row = page.getByTestId(`flow-row-${flowId}`);
  await row.getByTestId(`flow-delete-${flowId}`).click();
  await page.getByTestId("delete-flow-dialog").getByTestId("confirm-delete").click();
  await expect(row).toHaveCount(0);
}

/** Creates a flow from a template in the gallery on the flows page and waits for its editor; returns the flow id. */
export async function createFlowFromTemplate(page: Page, templateId: string): Promise<string> {
  await page.goto("/");
  await page.getByTestId("new-from-template").click();
  await page.getByTestId("template-gallery").getByTestId(`template-${templateId}`).click();
  await page.waitForURL(/\/flows\/[^/]+$/);
  await expect(page.getByTestId("flow-canvas")).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Imports a flow file on the flows page, as a person with an exported flow does; returns the new flow's id. */
export async function importFlow(page: Page, name: string, document: FlowExport["document"]): Promise<string> {
  const file: FlowExport = { format: "omniflow.flow", formatVersion: 1, name, document };
  await page.goto("/");
  await page
    .getByTestId("import-flow-file")
    .setInputFiles({ name: "flow.omniflow.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
  await page.waitForURL(/\/flows\/[^/]+$/);
  await expect(page.getByTestId("flow-name")).toHaveText(name);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** A tRPC mutation from the signed-in page, as the page itself sends it (same origin); returns its data. */
export async function trpcMutation(page: Page, path: string, input: unknown) {
  const response = await page.request.post(`/api/trpc/${path}`, { data: { json: input }, headers: { origin: new URL(page.url()).origin } });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: { json: unknown } } }).result.data.json;
}
