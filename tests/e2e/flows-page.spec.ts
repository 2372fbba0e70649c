import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { createFlow, DESKTOP, unique } from "./support/app";

test.use({ viewport: DESKTOP });

/** The flows page, reached the way a person gets back from the editor. */
async function backToFlows(page: Page) {
  await page.getByRole("link", { name: "All flows" }).click();
  await expect(page.getByTestId("flows-table")).toBeVisible();
}

test("rename, duplicate and delete a flow from the flows page", async ({ page }) => {
  const name = unique("Orders");
  const flowId = await createFlow(page, name);
  await backToFlows(page);
  const row = page.getByTestId(`flow-row-${flowId}`);
  await expect(row.getByTestId(`flow-open-${flowId}`)).toHaveText(name);
  await expect(row.getByTestId(`flow-state-${flowId}`)).toHaveText("Draft");

  // Rename: the dialog starts from the current name.
  await row.getByTestId(`flow-rename-${flowId}`).click();
  const dialog = page.getByTestId("flow-name-dialog");
  await expect(dialog.getByTestId("flow-name-input")).toHaveValue(name);
  const renamed = `${name} renamed`;
  await dialog.getByTestId("flow-name-input").fill(renamed);
  await dialog.getByTestId("flow-name-submit").click();
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId(`flow-open-${flowId}`)).toHaveText(renamed);

  // Duplicate: a second draft named "… (copy)".
  await row.getByTestId(`flow-duplicate-${flowId}`).click();
  const copy = page.getByTestId(/^flow-row-/).filter({ hasText: `${renamed} (copy)` });
  await expect(copy).toHaveCount(1);
  const copyId = (await copy.getAttribute("data-testid"))!.replace("flow-row-", "");
  expect(copyId).not.toBe(flowId);

  // Delete asks first; cancelling keeps the flow, confirming removes it.
  await copy.getByTestId(`flow-delete-${copyId}`).click();
  const confirm = page.getByTestId("delete-flow-dialog");
  await expect(confirm).toContainText(`Delete “${renamed} (copy)”?`);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(copy).toHaveCount(1);
  await copy.getByTestId(`flow-delete-${copyId}`).click();
  await confirm.getByTestId("confirm-delete").click();
  await expect(copy).toHaveCount(0);
  await expect(row).toBeVisible();

  // Deleted flows stay gone after a reload.
  await page.reload();
  await expect(row).toBeVisible();
  await expect(page.getByTestId(`flow-row-${copyId}`)).toHaveCount(0);
});

test("export a flow from the editor and import the file on the flows page", async ({ page }, testInfo) => {
  const name = unique("Round trip");
  await createFlow(page, name);

  // Add a configured node so the file carries more than the starter trigger.
  await page.getByTestId("palette-item-message.send").click();
  const sendId = (await page.getByTestId("inspector-node-id").textContent())!.trim();
  await page.getByTestId("field-text").fill("Exported greeting");
  await expect(page.getByTestId(`flow-node-${sendId}`)).toContainText("Exported greeting");

  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-button").click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${name.replace(/ /g, "-")}.omniflow.json`);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const exported = JSON.parse(await readFile(file, "utf8"));
  expect(exported).toMatchObject({ format: "omniflow.flow", formatVersion: 1, name });
  expect(exported.document.nodes.map((n: { id: string }) => n.id).sort()).toEqual([sendId, "trigger"].sort());

  // Importing creates a new draft and opens it in the editor.
  await backToFlows(page);
  const before = await page
    .getByTestId(/^flow-row-/)
    .filter({ hasText: name })
    .count();
  await page.getByTestId("import-flow-file").setInputFiles(file);
  await page.waitForURL(/\/flows\/[^/]+$/);
  await expect(page.getByTestId("flow-name")).toHaveText(name);
  await expect(page.getByTestId(`flow-node-${sendId}`)).toContainText("Exported greeting");
  await expect(page.getByTestId("flow-node-trigger")).toBeVisible();

  await backToFlows(page);
  await expect(page.getByTestId(/^flow-row-/).filter({ hasText: name })).toHaveCount(before + 1);
});

test("importing a file that is not a flow explains what is wrong", async ({ page }) => {
  await page.goto("/");
  const input = page.getByTestId("import-flow-file");
  const notice = page.getByTestId("error-notice");

  await input.setInputFiles({ name: "settings.json", mimeType: "application/json", buffer: Buffer.from('{"theme":"dark"}') });
  await expect(notice).toContainText("Not an Omniflow flow file: format:");
  await expect(notice).not.toContainText("{");
  await expect(page).toHaveURL(/\/$/);

  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toBeHidden();

  await input.setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from("hello, not json") });
  await expect(notice).toHaveText("notes.json is not a JSON file: export a flow from Omniflow and import that file.");
});
