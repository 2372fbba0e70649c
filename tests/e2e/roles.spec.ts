import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/seed-staff";
import { DESKTOP } from "./support/app";

// Every test here starts signed out: it signs in through the form, as a person does.
test.use({ viewport: DESKTOP, storageState: { cookies: [], origins: [] } });

/** What each demo role sees in the header, and a page it may not open (with where it lands instead). */
const ROLES = [
  {
    role: "admin",
    email: "admin@omniflow.local",
    home: "/",
    nav: ["flows", "workspace", "chat", "sandbox", "customers", "settings", "audit"],
    settings: ["channels", "credentials", "api-keys", "privacy"],
    refused: null,
  },
  { role: "owner", email: "owner@omniflow.local", home: "/", nav: ["flows", "chat", "sandbox"], refused: "/audit" },
  { role: "marketer", email: "marketer@omniflow.local", home: "/", nav: ["flows", "chat", "sandbox"], refused: "/workspace" },
  { role: "operator", email: "operator@omniflow.local", home: "/workspace", nav: ["workspace", "chat"], refused: "/settings/credentials" },
  { role: "supervisor", email: "sam@omniflow.local", home: "/", nav: ["flows", "workspace", "chat", "sandbox", "customers"], refused: "/settings/api-keys" },
] as const;

test("a visitor who is not signed in is sent to the sign-in page, and a wrong password is refused", async ({ page }) => {
  const front = await page.goto("/");
  expect(front?.status()).toBe(200); // the front door is the sign-in form
  expect(front?.headers()["x-powered-by"]).toBeUndefined();
  expect(front?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await expect(page.getByTestId("sign-in")).toBeVisible();
  await page.goto("/workspace");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fworkspace$/);
  await expect(page.getByTestId("demo-accounts")).toContainText(DEMO_PASSWORD);
  await page.getByLabel("E-mail").fill("admin@omniflow.local");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong e-mail or password.");
  // The API refuses too: no session, no data.
  const anonymous = await page.request.get("/api/trpc/tasks.list?input=%7B%22json%22%3A%7B%7D%7D");
  expect(anonymous.status()).toBe(401);
});

for (const who of ROLES) {
  test(`${who.role}: signs in and sees only what the role may do`, async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByTestId(`demo-account-${who.email}`).click();
    await page.getByTestId("sign-in-submit").click();
    await expect(page).toHaveURL(new RegExp(`${who.home === "/" ? "/$" : `${who.home}$`}`));
    await expect(page.getByTestId("user-role")).toBeVisible();
    const links = page.getByRole("navigation").getByRole("link");
    await expect(links).toHaveCount(who.nav.length);
    for (const item of who.nav) await expect(page.getByTestId(`nav-${item}`)).toBeVisible();
    await expect(page.getByTestId("loading")).toHaveCount(0); // the page's own data has arrived
    await page.screenshot({ path: `test-results/screens/role-${who.role}.png` });
    // The settings pages sit under one link, as tabs on each of them.
    if ("settings" in who) {
      await page.getByTestId("nav-settings").click();
      await expect(page).toHaveURL(/\/settings\/channels$/);
      const tabs = page.getByTestId("settings-tabs").getByRole("link");
      await expect(tabs).toHaveCount(who.settings.length);
      for (const tab of who.settings) await expect(page.getByTestId(`nav-${tab}`)).toBeVisible();
      await expect(page.getByTestId("nav-settings")).toHaveAttribute("aria-current", "page");
      await page.getByTestId("nav-privacy").click();
      await expect(page).toHaveURL(/\/settings\/privacy$/);
      await expect(page.getByTestId("nav-privacy")).toHaveAttribute("aria-current", "page");
    }

    if (who.refused) {
      await page.goto(who.refused);
      await expect(page).toHaveURL(/\/forbidden/);
      await expect(page.getByTestId("forbidden")).toContainText("This page is not for your role");
    }
    // The server checks every call, whatever the page shows: a role without the right gets 403 from the API.
    const deleteFlow = await page.request.post("/api/trpc/flows.delete", {
      data: { json: { flowId: "any" } },
      headers: { origin: new URL(page.url()).origin },
    });
    if (who.role === "admin" || who.role === "owner")
      expect([200, 400]).toContain(deleteFlow.status()); // past the policy: no such flow
    else expect(deleteFlow.status()).toBe(403);

    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto(who.home);
    await expect(page.getByTestId("sign-in")).toBeVisible(); // the session is gone
    await expect(page.getByTestId("user-menu")).toHaveCount(0);
  });
}

test("a marketer opens a flow to read it: every setting shown, nothing on the page changes it", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByTestId("demo-account-marketer@omniflow.local").click();
  await page.getByTestId("sign-in-submit").click();
  await expect(page).toHaveURL(/\/$/);
  const writes: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes("/api/trpc/")) writes.push(new URL(request.url()).pathname);
  });
  await page
    .getByTestId(/^flow-row-/)
    .getByRole("link", { name: "Support chat", exact: true })
    .click();
  await expect(page.getByTestId("view-only")).toHaveText("View only");
  for (const absent of ["palette", "publish-button", "undo-button", "auto-layout-button", "simulate-toggle", "export-button", "save-state"])
    await expect(page.getByTestId(absent)).toHaveCount(0);
  await expect(page.getByTestId("inspector-empty")).toContainText("Select a node to read its settings");
  await expect(page.getByTestId("issues-toggle")).toHaveText("No problems"); // not "ready to publish"

  // A node's settings can be read, not changed; the node does not move when dragged.
  const greet = page.getByTestId("flow-node-greet");
  await greet.click();
  const text = page.getByTestId("setting-text").locator("textarea, input").first();
  await expect(text).toHaveValue(/Hello \{\{customer\.name/);
  await expect(text).toBeDisabled();
  await expect(page.getByTestId("inspector-delete")).toHaveCount(0);
  // Dragging a node pans the view instead: the node keeps its place beside its neighbour.
  const offset = async () => {
    const [a, b] = [await greet.boundingBox(), await page.getByTestId("flow-node-start").boundingBox()];
    return { x: Math.round((a?.x ?? 0) - (b?.x ?? 0)), y: Math.round((a?.y ?? 0) - (b?.y ?? 0)) };
  };
  const before = await offset();
  const box = await greet.boundingBox();
  await greet.hover();
  await page.mouse.down();
  await page.mouse.move((box?.x ?? 0) + 200, (box?.y ?? 0) + 150, { steps: 5 });
  await page.mouse.up();
  expect(await offset()).toEqual(before);
  await page.keyboard.press("Delete");
  await expect(greet).toBeVisible();
  await page.screenshot({ path: "test-results/screens/role-marketer-flow.png" });
  expect(writes).toEqual([]);
});
