import { readFile } from "node:fs/promises";
import { type Download, expect, type Page, test } from "@playwright/test";
import { DESKTOP, trpcMutation, unique } from "./support/app";

// The administrator's pages for access and security, as the administrator uses them (the default signed-in account).
test.use({ viewport: DESKTOP });

const screen = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/admin-${name}.png`, fullPage: true });

/** The text a person reads on the page (header, page, an open dialog). */
const readable = async (page: Page) => (await page.locator("header, main, dialog[open]").allInnerTexts()).join("\n");

const downloaded = async (download: Download) => readFile((await download.path())!, "utf8");

test("credentials: a bearer token is added, listed by its hint only, replaced and removed; a second one with the same name is refused", async ({ page }) => {
  const name = unique("CRM token");
  const value = `sk-live-${Date.now().toString(36)}-q7Zp`;
  await page.goto("/settings/credentials");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Credentials");
  await expect(page).toHaveTitle(/Credentials/);

  const form = page.getByTestId("add-credential");
  await form.getByLabel("Name").fill(name);
  await expect(form.getByLabel("Kind")).toHaveValue("bearer");
  await form.getByLabel("Secret value").fill(value);
  await form.getByRole("button", { name: "Add credential" }).click();

  const row = page.getByTestId(`credential-${name}`);
  await expect(row).toContainText("Bearer token");
  await expect(row).toContainText("…q7Zp");
  await expect(form.getByLabel("Secret value")).toHaveValue(""); // the form forgets it too
  expect(await page.content(), "the value is nowhere on the page").not.toContain(value);
  await screen(page, "credentials-added");

  // The same name again: refused in words, and nothing is added.
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Secret value").fill("another-token-value");
  await form.getByRole("button", { name: "Add credential" }).click();
  await expect(page.getByTestId("error-notice")).toHaveText(`a credential named "${name}" already exists`); // shown with a capital
  await expect(page.getByTestId(`credential-${name}`)).toHaveCount(1);
  await screen(page, "credentials-duplicate");
  await page.getByTestId("error-notice").getByRole("button", { name: "Dismiss" }).click();
  await expect(page.getByTestId("error-notice")).toHaveCount(0);

  // A new value replaces the old one, unseen: only the hint changes.
  const replacement = `sk-live-${Date.now().toString(36)}-W4xR`;
  await row.getByTestId("credential-replace").click();
  await row.getByTestId("credential-new-value").fill(replacement);
  await screen(page, "credentials-replacing");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("…W4xR");
  const html = await page.content();
  expect(html).not.toContain(value);
  expect(html).not.toContain(replacement);

  // Removing asks once more.
  await row.getByTestId("credential-remove").click();
  await expect(row).toContainText(`Remove “${name}”?`);
  await screen(page, "credentials-remove-confirm");
  await row.getByRole("button", { name: "Remove" }).click();
  await expect(row).toHaveCount(0);
});

test("API keys: a key for events is shown once, calls the event API, and is refused once revoked", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const name = unique("Core banking");
  await page.goto("/settings/api-keys");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API keys");

  const form = page.getByTestId("api-key-form");
  await form.getByLabel("Name (which system uses it)").fill(name);
  await expect(form.getByTestId("api-key-scope-events")).toBeChecked();
  await expect(form.getByTestId("api-key-scope-all-hooks")).not.toBeChecked();
  await form.getByTestId("api-key-create").click();

  const created = page.getByTestId("api-key-created");
  await expect(created).toContainText(`The key “${name}” is ready. Copy it now: it is not shown again.`);
  const key = (await created.getByTestId("api-key-secret").textContent())!;
  const signingSecret = (await created.getByTestId("api-key-signing-secret").textContent())!;
  expect(key).toMatch(/^omf_/);
  expect(signingSecret.length).toBeGreaterThan(20);
  await created.getByTestId("api-key-secret-copy").click();
  await expect(created.getByTestId("api-key-secret-copy")).toHaveText("Copied");
  await expect(created.getByTestId("api-key-signing-secret-copy")).toHaveText("Copy");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await screen(page, "api-key-created");

  const row = page.getByTestId("api-keys-table").getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("events");
  await expect(row).toContainText("never");

  // The machine API accepts the key.
  const event = (eventId: string) => ({
    headers: { authorization: `Bearer ${key}` },
    data: {
      eventId,
      name: "form.abandoned",
      customer: { channel: "webchat", address: unique("visitor") },
      payload: { formId: "loan-application", url: "https://bank.example/loan" },
    },
  });
  const accepted = await page.request.post("/api/events", event(unique("evt")));
  expect(accepted.status(), await accepted.text()).toBe(202);

  // After a reload only the prefix is left, and the key was used just now.
  await page.reload();
  await expect(page.getByTestId("api-key-created")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
  expect(await page.content()).not.toContain(signingSecret);
  await expect(row.getByRole("cell").nth(1)).toHaveText(/^omf_\w+…$/);
  expect(key.startsWith((await row.getByRole("cell").nth(1).textContent())!.replace("…", ""))).toBe(true);
  await expect(row).not.toContainText("never");
  await screen(page, "api-keys-after-reload");

  // Revoking asks once more; the same key is then refused.
  await row.getByTestId("api-key-revoke").click();
  await row.getByTestId("api-key-revoke-confirm").click();
  await expect(row).toContainText("revoked");
  await screen(page, "api-keys-revoked");
  const refused = await page.request.post("/api/events", event(unique("evt")));
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: "key_revoked" });
});

test("audit: the administrator's changes are listed with who did them, filter by action, the chain verifies and exports", async ({ page }) => {
  // Changes to audit, made as the credentials page makes them.
  await page.goto("/audit");
  const name = unique("Audit token");
  const { id } = (await trpcMutation(page, "credentials.create", { name, kind: "bearer", value: "audit-token-value-123" })) as { id: string };
  await trpcMutation(page, "credentials.remove", { id });

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit trail");
  const table = page.getByTestId("audit-table");
  const removed = table.getByRole("row").filter({ hasText: "credentials.remove" }).filter({ hasText: id });
  await expect(removed).toContainText("Alex Morgan");
  await expect(removed).toContainText("person · Administrator");
  // A creation names no target (its id is made by the call): the newest one is this test's.
  const created = table.getByRole("row").filter({ hasText: "credentials.create" }).first();
  await expect(created).toContainText("Alex Morgan");
  await expect(created).toContainText("person · Administrator");
  await expect(created).toContainText("done");
  await expect(created, "the secret value is not in the trail").not.toContainText("audit-token-value-123");
  await screen(page, "audit");

  // Filter by action: only credential removals.
  await page.getByLabel("Action").fill("credentials.remove");
  await page.getByTestId("audit-apply").click();
  await expect(table.getByRole("row").filter({ hasText: "credentials.create" })).toHaveCount(0);
  await expect(table.getByRole("row").filter({ hasText: "credentials.remove" }).filter({ hasText: id })).toHaveCount(1);
  await screen(page, "audit-filtered");

  await page.getByTestId("verify-chain").click();
  await expect(page.getByTestId("chain-ok")).toHaveText(/^The chain is intact: \d+ entries$/);

  // The export holds the filtered rows.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export-jsonl").click()]);
  expect(download.suggestedFilename()).toMatch(/\.jsonl$/);
  const lines = (await downloaded(download))
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { action: string; targetId: string });
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((row) => row.action === "credentials.remove")).toBe(true);
  expect(lines.some((row) => row.targetId === id)).toBe(true);
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export-csv").click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  expect(await downloaded(csv)).toContain(id);
});

test("customers: a chat visitor's data is found, exported and erased", async ({ page, browser }) => {
  const visitor = unique("Nadia");
  const secret = `my card number ends ${Date.now().toString().slice(-6)}`;

  // A visitor, not signed in, writes on the web chat.
  const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: DESKTOP });
  const chatPage = await anonymous.newPage();
  await chatPage.goto("/chat");
  const chat = chatPage.getByTestId("webchat-panel");
  await chat.getByTestId("chat-name").fill(visitor);
  await chat.getByTestId("chat-input").fill(`Hello, ${secret}`);
  await chat.getByTestId("chat-input").press("Enter");
  await expect(chat.getByTestId("chat-message").filter({ hasText: `Hello ${visitor}, this is Omniflow support.` })).toBeVisible();
  await anonymous.close();

  await page.goto("/customers");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Customers");
  await expect(page.getByText("Pick a customer to see what is held about them.")).toBeVisible();
  await page.getByTestId("customer-search").fill(visitor);
  const rows = page.getByTestId("customer-row");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Web chat: visitor-");
  await rows.click();
  const card = page.getByTestId("customer-privacy-card");
  await expect(card.getByTestId("privacy-customer-name")).toHaveText(visitor);
  await expect(card.getByTestId("customer-counts")).toContainText(/Messages\s*[1-9]/);
  const customerId = (await card.getByTestId("privacy-customer-id").textContent())!;
  await screen(page, "customers-card");

  // Export: a JSON file with their message.
  const [first] = await Promise.all([page.waitForEvent("download"), card.getByTestId("export-customer").click()]);
  expect(first.suggestedFilename()).toMatch(/\.json$/);
  const before = await downloaded(first);
  expect(() => JSON.parse(before)).not.toThrow();
  expect(before).toContain(secret);

  // Erasure wants the name (or ERASE) typed first.
  await card.getByTestId("erase-customer").click();
  const dialog = page.getByTestId("erase-customer-dialog");
  await expect(dialog).toContainText("This cannot be undone.");
  await expect(dialog.getByTestId("confirm-erase")).toBeDisabled();
  await dialog.getByTestId("erase-confirmation").fill("someone else");
  await expect(dialog.getByTestId("confirm-erase")).toBeDisabled();
  await dialog.getByTestId("erase-confirmation").fill(visitor);
  await screen(page, "customers-erase-dialog");
  await dialog.getByTestId("confirm-erase").click();
  await expect(dialog).toHaveCount(0);
  await expect(card.getByRole("status")).toContainText("Personal data erased.");
  await expect(card).toContainText("Erased");
  await screen(page, "customers-erased");

  // Their name no longer finds them; their id does, and the export has nothing of what they wrote.
  await page.getByTestId("customer-search").fill(visitor);
  await expect(page.getByText("No customer matches")).toBeVisible();
  await screen(page, "customers-no-match");
  await page.getByTestId("customer-search").fill(customerId);
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Erased");
  await rows.click();
  const [second] = await Promise.all([page.waitForEvent("download"), card.getByTestId("export-customer").click()]);
  const after = await downloaded(second);
  expect(after).not.toContain(secret);
  expect(after).not.toContain(visitor);
  expect(after).toContain("[erased]");
});

test("privacy: retention is saved and kept after a reload; an impossible number of days is refused in words", async ({ page }) => {
  await page.goto("/settings/privacy");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privacy");
  const messages = page.getByLabel("Message texts (days)");
  const logs = page.getByLabel("Logs (days)");
  await expect(messages).toHaveAttribute("placeholder", "Keep forever");
  await messages.fill("30");
  await page.getByTestId("save-retention").click();
  await expect(page.getByTestId("retention-form").getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(messages).toHaveValue("30");
  await expect(logs).toHaveValue("");

  for (const bad of ["0", "thirty", "2.5", "99999"]) {
    await messages.fill(bad);
    await page.getByTestId("save-retention").click();
    await expect(page.getByTestId("retention-messageBodiesDays-error")).toHaveText("Enter whole days from 1 to 36500, or leave it empty to keep forever.");
    await expect(messages).toHaveAttribute("aria-invalid", "true");
  }
  await screen(page, "privacy-invalid");
  await page.reload();
  await expect(messages).toHaveValue("30"); // nothing invalid was saved

  // Back to keeping forever, as the demo starts.
  await messages.fill("");
  await page.getByTestId("save-retention").click();
  await expect(page.getByTestId("retention-form").getByRole("status")).toHaveText("Saved.");
});

test.describe("in Russian", () => {
  // The switcher also saves the signed-in person's language: leave the administrator's unset, as the other specs expect.
  test.afterEach(async ({ page, baseURL }) => {
    const reset = await page.request.post("/api/trpc/me.setLanguage", { data: { json: { language: null } }, headers: { origin: baseURL! } });
    expect(reset.status()).toBe(200);
  });

  const RAW_KEY = /\b(common|header|roles|credentials|apiKeys|audit|customers|privacySettings)\.[a-zA-Z]+(\.[a-zA-Z-]+)*\b/;
  const PAGES = [
    { path: "/settings/credentials", title: "Учётные данные" },
    { path: "/settings/api-keys", title: "API-ключи" },
    { path: "/audit", title: "Журнал аудита" },
    { path: "/customers", title: "Клиенты" },
    { path: "/settings/privacy", title: "Конфиденциальность" },
  ];

  test("the administrator's pages read in Russian, with no message keys, and English comes back", async ({ page }) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (/MISSING_MESSAGE|FORMATTING_ERROR|INVALID_MESSAGE|INVALID_KEY/.test(message.text())) errors.push(message.text());
    });
    await page.goto("/settings/credentials");
    await page.getByTestId("language-switcher").selectOption("ru");
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    for (const { path, title } of PAGES) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
      // The audit trail names actions by their API names (flows.publish), as its filter does: only the rest is checked.
      const table = page.getByTestId("audit-table");
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, as `readable` reads it, so it can be cut out.
      const text = (await readable(page)).replace((await table.count()) ? await table.innerText() : "", "");
      expect(text.match(RAW_KEY)?.[0] ?? null, `a message key on ${path}`).toBeNull();
      await screen(page, `ru${path.replaceAll("/", "-")}`);
    }
    // Audit rows name the role in Russian too.
    await page.goto("/audit");
    await expect(page.getByTestId("audit-table")).toContainText("Администратор");

    await page.getByTestId("language-switcher").selectOption("en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit trail");
    expect(errors).toEqual([]);
  });
});
