import { expect, test, type Page } from "@playwright/test";
import { createFlowFromTemplate, deleteFlow, DESKTOP, unique } from "./support/app";

test.use({ viewport: DESKTOP });

let flowId: string | undefined;
test.afterEach(async ({ page }) => {
  if (flowId) await deleteFlow(page, flowId);
  flowId = undefined;
});

/** Every node's highlight on the canvas, by node id. */
function marks(page: Page): Promise<Record<string, string | null>> {
  return page
    .getByTestId("flow-canvas")
    .locator('[data-testid^="flow-node-"]')
    .evaluateAll((nodes) => Object.fromEntries(nodes.map((n) => [n.getAttribute("data-testid")!.slice("flow-node-".length), n.getAttribute("data-mark")])));
}

/** The canvas lights the nodes passed so far, marks where the run rests, dims the rest. */
async function expectMarks(page: Page, nodes: string[], passed: string[], current: string) {
  const expected = Object.fromEntries(nodes.map((id) => [id, id === current ? "current" : passed.includes(id) ? "path" : "dim"]));
  await expect.poll(() => marks(page)).toEqual(expected);
}

/** The value the variables inspector shows next to a name. */
const variable = (page: Page, name: string) =>
  page
    .getByTestId("sim-vars")
    .locator("dt")
    .filter({ hasText: new RegExp(`^${name.replace(".", "\\.")}$`) })
    .locator("xpath=following-sibling::dd[1]");

/** Waits until the editor has stored the draft (test cases are saved with it). */
async function expectSaved(page: Page, saving: Promise<unknown>) {
  await saving;
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
}

const saveDraft = (page: Page) => page.waitForResponse((r) => r.url().includes("flows.saveDraft") && r.ok());

const FRAUD_NODES = [
  "start",
  "unusual",
  "confirm",
  "ignored",
  "thanks",
  "blocking",
  "call",
  "confirmed",
  "case",
  "block",
  "unreachable",
  "blocked",
  "card-blocked",
];

test("a fraud alert from the template passes its tests and a loaded test steps through the canvas without sending anything", async ({ page }) => {
  const transaction = unique("tx").replace(" ", "-");

  // 1. The template gallery creates the flow, with its saved test cases, and opens the editor.
  flowId = await createFlowFromTemplate(page, "fraud-alert");
  await expect(page.getByTestId("flow-name")).toHaveText("Fraud alert");
  for (const id of FRAUD_NODES) await expect(page.getByTestId(`flow-node-${id}`)).toBeAttached();

  // 2. Simulate → Test cases → Run all tests: the four saved tests pass on the draft.
  await page.getByTestId("simulate-toggle").click();
  const panel = page.getByTestId("simulate-panel");
  await expect(panel).toBeVisible();
  await panel.getByTestId("sim-tab-tests").click();
  await expect(panel.getByTestId("sim-tab-tests")).toHaveText("Test cases (4)");
  await panel.getByTestId("sim-run-tests").click();
  await expect(panel.getByTestId("sim-tests-summary")).toHaveText("4 of 4 passed");
  for (const id of ["it-was-me", "not-me", "no-answer", "usual-country"]) {
    await expect(panel.getByTestId(`test-result-${id}`)).toHaveAttribute("data-passed", "true");
  }

  // 3. Load "no answer within 15 minutes" into the script; try it on a transaction of our own.
  await panel.getByTestId("test-load-no-answer").click();
  await expect(panel.getByTestId("sim-script-from")).toContainText("No answer within 15 minutes");
  await expect(panel.getByTestId("sim-customer-name")).toHaveValue("Maria");
  await expect(panel.getByTestId("sim-customer-channel")).toHaveValue("sms");
  await expect(panel.getByTestId("sim-step-0")).toHaveAttribute("data-kind", "crm-event");
  await expect(panel.getByTestId("sim-step-0-event")).toHaveValue("card.transaction");
  await expect(panel.getByTestId("sim-step-1")).toHaveAttribute("data-kind", "wait");
  await expect(panel.getByTestId("sim-step-1-amount")).toHaveValue("15");
  await expect(panel.getByTestId("sim-step-1-unit")).toHaveValue("minutes");
  await expect(panel.getByTestId("sim-step-2-outcome")).toHaveValue("not-me");
  const payload = panel.getByTestId("sim-step-0-payload");
  const event = JSON.parse(await payload.inputValue()) as Record<string, unknown>;
  expect(event).toMatchObject({ amount: 1290, country: "Turkey" });
  await payload.fill(JSON.stringify({ ...event, transactionId: transaction }, null, 2));

  // 4. Run: the customer never answers, the call task's operator says "not me", the card-blocking task waits.
  await panel.getByTestId("sim-run").click();
  const result = panel.getByTestId("sim-result");
  await expect(result).toHaveAttribute("data-status", "waiting");
  await expect(result).toHaveAttribute("data-outcome", "");
  await expect(panel.getByTestId("sim-issues")).toHaveCount(0);
  await expect(panel.getByTestId("sim-step-label")).toHaveText("Step 1 / 3");
  await expect(panel.getByTestId("sim-result-step-0")).toHaveAttribute("data-selected", "true");
  await expect(panel.getByTestId("sim-sent")).toHaveCount(1);
  await expect(panel.getByTestId("sim-sent")).toContainText("1290 EUR at Grand Bazaar Jewellers in Turkey. Was this you?");
  await expect(panel.getByTestId("sim-result-step-2")).toContainText(`(transaction ${transaction})`);

  // Step 1: the CRM event went through to the question; its payload became flow variables.
  await expect(page.getByTestId("sim-caption")).toContainText("CRM event: card.transaction");
  await expectMarks(page, FRAUD_NODES, ["start", "unusual"], "confirm");
  await expect(panel.getByTestId("sim-vars-status")).toHaveText("waiting");
  await expect(variable(page, "vars.amount")).toHaveText("1290");
  await expect(variable(page, "vars.country")).toHaveText('"Turkey"');
  await expect(variable(page, "vars.transactionId")).toHaveText(JSON.stringify(transaction));

  // Step 2: 15 minutes later the timer hands over to the call task.
  await panel.getByTestId("sim-next").click();
  await expect(panel.getByTestId("sim-step-label")).toHaveText("Step 2 / 3");
  await expect(panel.getByTestId("sim-result-step-1")).toHaveAttribute("data-selected", "true");
  await expect(panel.getByTestId("sim-result-step-0")).toHaveAttribute("data-selected", "false");
  await expect(page.getByTestId("sim-caption")).toContainText("Timer fired (Ask a question)");
  await expectMarks(page, FRAUD_NODES, ["start", "unusual", "confirm"], "call");

  // Step 3: "not me" from the call leads to the card-blocking task, where the run rests.
  await panel.getByTestId("sim-next").click();
  await expect(panel.getByTestId("sim-step-label")).toHaveText("Step 3 / 3");
  await expect(panel.getByTestId("sim-next")).toBeDisabled();
  await expect(page.getByTestId("sim-caption")).toContainText("Operator completed the task: not-me");
  await expectMarks(page, FRAUD_NODES, ["start", "unusual", "confirm", "call", "case"], "block");
  await expect(panel.getByTestId("sim-vars")).toHaveAttribute("data-step", "2");
  await expect(panel.getByTestId("sim-vars-status")).toHaveText("waiting");
  await expect(variable(page, "vars.amount")).toHaveText("1290");

  // Back one step: the canvas follows.
  await panel.getByTestId("sim-prev").click();
  await expect(panel.getByTestId("sim-step-label")).toHaveText("Step 2 / 3");
  await expectMarks(page, FRAUD_NODES, ["start", "unusual", "confirm"], "call");

  // Simulating changed nothing in the draft.
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");

  // 5. Nothing happened for real: the flow has no instance, the workspace no task for the transaction.
  await page.getByTestId("instances-link").click();
  await expect(page.getByTestId("instances-flow-name")).toHaveText("Fraud alert");
  await expect(page.getByTestId("empty-state")).toContainText("No instances yet");
  await expect(page.getByTestId(/^instance-row-/)).toHaveCount(0);
  await page.goto("/workspace");
  await expect(page.getByTestId("open-task-count")).toHaveText(/^\d+$/);
  await expect(page.getByTestId("task-list")).not.toContainText("Loading");
  await expect(page.getByTestId("task-row").filter({ hasText: transaction })).toHaveCount(0);
});

test("a price question in Support chat is simulated, saved as a test case that passes and survives a reload, then deleted", async ({ page }) => {
  const testName = "A price question gets the price";
  const testCaseId = "a-price-question-gets-the-price";

  // A fresh copy of Support chat (so the seeded demo stays as it is), renamed to tell it apart.
  flowId = await createFlowFromTemplate(page, "support-chat");
  const name = unique("Support chat pricing");
  await page.getByTestId("flow-name").click();
  await page.getByTestId("flow-name-input").fill(name);
  await page.getByTestId("flow-name-input").press("Enter");
  await expect(page.getByTestId("flow-name")).toHaveText(name);

  // 1. Script: the customer asks for the price.
  await page.getByTestId("simulate-toggle").click();
  const panel = page.getByTestId("simulate-panel");
  await expect(panel.getByTestId("sim-tab-script")).toHaveAttribute("aria-selected", "true");
  await panel.getByTestId("sim-customer-name").fill("Lena");
  await expect(panel.getByTestId("sim-step-0")).toHaveAttribute("data-kind", "message");
  await panel.getByTestId("sim-step-0-text").fill("what is the price?");

  // 2. Run: greeting and price answer, then the flow ends as "answered".
  await panel.getByTestId("sim-run").click();
  const result = panel.getByTestId("sim-result");
  await expect(result).toHaveAttribute("data-status", "completed");
  await expect(result).toHaveAttribute("data-outcome", "answered");
  const sent = panel.getByTestId("sim-sent");
  await expect(sent).toHaveText(["Hello Lena, this is Omniflow support.", "Plans start at 29 EUR per operator per month."]);
  await expect(panel.getByTestId("sim-step-label")).toHaveText("Step 1 / 1");
  await expect(panel.getByTestId("sim-vars-status")).toHaveText("completed");
  await expectMarks(
    page,
    [
      "start",
      "thank-you",
      "welcome",
      "thanked",
      "greet",
      "by-phone",
      "ask-caller",
      "topic",
      "hours",
      "price",
      "handover",
      "task",
      "thanks",
      "sorry",
      "answered",
      "resolved",
      "unresolved",
    ],
    ["start", "thank-you", "greet", "by-phone", "topic", "price"],
    "answered",
  );

  // 3. Save it as a test case; the expectations come from the run.
  await panel.getByTestId("sim-save-test").click();
  const dialog = page.getByTestId("save-test-dialog");
  await expect(dialog.getByTestId("save-test-status")).toHaveValue("completed");
  await expect(dialog.getByTestId("save-test-outcome")).toHaveValue("answered");
  await expect(dialog.getByTestId("save-test-sent")).toHaveValue("Hello Lena, this is Omniflow support.\nPlans start at 29 EUR per operator per month.");
  await dialog.getByTestId("save-test-name").fill(testName);
  const saving = saveDraft(page);
  await dialog.getByTestId("save-test-submit").click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId("sim-tab-tests")).toHaveAttribute("aria-selected", "true");
  await expect(panel.getByTestId(`test-case-${testCaseId}`)).toContainText(testName);
  await expect(panel.getByTestId("sim-tab-tests")).toHaveText("Test cases (6)");
  await expectSaved(page, saving);

  // 4. Run all tests: the template's five and ours pass.
  await panel.getByTestId("sim-run-tests").click();
  await expect(panel.getByTestId("sim-tests-summary")).toHaveText("6 of 6 passed");
  for (const id of ["hours", "price-ru", "handover", "thank-you", "caller", testCaseId]) {
    await expect(panel.getByTestId(`test-result-${id}`)).toHaveAttribute("data-passed", "true");
  }

  // 5. The test case was saved with the draft: it is still there after a reload.
  await page.reload();
  await page.getByTestId("simulate-toggle").click();
  await panel.getByTestId("sim-tab-tests").click();
  await expect(panel.getByTestId("sim-tab-tests")).toHaveText("Test cases (6)");
  await expect(panel.getByTestId(`test-case-${testCaseId}`)).toContainText(testName);
  await expect(panel.getByTestId(`test-case-${testCaseId}`)).toContainText("expects answered");

  // 6. Delete it again; that is saved too.
  const deleting = saveDraft(page);
  await panel.getByTestId(`test-delete-${testCaseId}`).click();
  await expect(panel.getByTestId(`test-case-${testCaseId}`)).toHaveCount(0);
  await expect(panel.getByTestId("sim-tab-tests")).toHaveText("Test cases (5)");
  await expectSaved(page, deleting);
  await page.reload();
  await page.getByTestId("simulate-toggle").click();
  await panel.getByTestId("sim-tab-tests").click();
  await expect(panel.getByTestId("sim-tab-tests")).toHaveText("Test cases (5)");
  await expect(panel.getByTestId(`test-case-${testCaseId}`)).toHaveCount(0);
});
