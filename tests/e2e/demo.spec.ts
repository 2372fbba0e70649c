import { expect, test } from "@playwright/test";
import { unique } from "./support/app";

test("the seeded Support chat answers an opening-hours question on /chat and records the instance", async ({ page }) => {
  const visitor = unique("Grace");

  await page.goto("/chat");
  const chat = page.getByTestId("webchat-panel");
  await chat.getByTestId("chat-name").fill(visitor);
  await chat.getByTestId("chat-input").fill("what are your opening hours?");
  await chat.getByTestId("chat-input").press("Enter");

  const messages = chat.getByTestId("chat-message");
  await expect(messages.filter({ hasText: "what are your opening hours?" })).toHaveAttribute("data-author", "customer");
  await expect(messages.filter({ hasText: `Hello ${visitor}, this is Omniflow support.` })).toHaveAttribute("data-author", "bot");
  await expect(messages.filter({ hasText: "We are open Monday to Friday, 9:00-18:00 CET." })).toHaveAttribute("data-author", "bot");
  await expect(messages).toHaveCount(3);
  await expect(chat.getByTestId("chat-input")).toHaveValue("");

  // The flows page leads to the demo's instances: this conversation ran to its end.
  await page.getByTestId("nav-flows").click();
  const demo = page.getByTestId(/^flow-row-/).filter({ has: page.getByRole("link", { name: "Support chat", exact: true }) });
  await expect(demo).toHaveCount(1);
  await expect(demo.getByText("Published", { exact: true })).toBeVisible();
  await demo.getByRole("link", { name: "Instances" }).click();

  await expect(page.getByTestId("instances-flow-name")).toHaveText("Support chat");
  const instance = page.getByTestId(/^instance-row-/).filter({ hasText: visitor });
  await expect(instance).toHaveCount(1);
  await expect(instance.getByTestId("instance-status")).toHaveText("completed");
  await expect(instance).toContainText("End");
});
