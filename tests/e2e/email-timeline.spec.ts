import { expect, type Page, test } from "@playwright/test";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import { DEMO_STAFF } from "../../prisma/seed-staff";
import { DESKTOP, importFlow, publish, unique } from "./support/app";
import { DEMO } from "./support/auth";
import { MAIL_SERVER } from "./support/mail-server";

/**
 * E-mail as a customer uses it: they write to the support address, mail is handed to Omniflow's SMTP
 * listener, a flow answers by mail (through a relay the test runs), the customer replies to that
 * answer, and the administrator finds it all in the customer's one timeline. This spec talks to the
 * e-mail server (support/mail-server.ts), where the e-mail channel is live, signing in there itself.
 */
test.use({ viewport: DESKTOP, baseURL: `http://127.0.0.1:${MAIL_SERVER.port}`, storageState: { cookies: [], origins: [] } });

type Relayed = { to: string[]; messageId: string; inReplyTo: string | undefined; subject: string | undefined; text: string };
const relayed: Relayed[] = [];
let relay: SMTPServer;

test.beforeAll(async () => {
  // The operator's outgoing relay: takes every mail and keeps it, as the customer's mailbox would receive it.
  relay = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        relayed.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: mail.messageId ?? "",
          inReplyTo: mail.inReplyTo,
          subject: mail.subject,
          text: mail.text ?? "",
        });
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => relay.listen(MAIL_SERVER.relayPort, "127.0.0.1", resolve));
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => relay.close(() => resolve()));
});

/** Signs in on the e-mail server through the sign-in page, as a person does. */
async function signIn(page: Page, staffId: string) {
  const email = DEMO_STAFF.find((s) => s.id === staffId)!.email;
  await page.goto("/sign-in");
  await page.getByTestId(`demo-account-${email}`).click();
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("user-role")).toBeVisible();
}

/** The customer's mail client: hands the mail to our SMTP listener (as their provider's server would). */
const mailClient = nodemailer.createTransport({ host: "127.0.0.1", port: MAIL_SERVER.smtpPort, secure: false, ignoreTLS: true });

test("a customer's e-mail, the flow's answer and their reply are one conversation in the customer's timeline", async ({ page }) => {
  const name = unique("Greta Lindqvist");
  const customer = `${name.split(" ").at(-1)}@example.org`;
  const question = `My order ${Date.now().toString().slice(-6)} arrived broken. Can you replace it?`;

  // The administrator publishes a flow that answers every mail and waits for the customer's reply.
  await signIn(page, DEMO.admin);
  const at = (x: number) => ({ x: x * 280, y: 0 });
  await importFlow(page, unique("Mail acknowledgement"), {
    nodes: [
      { id: "in", type: "trigger.message-received", position: at(0), settings: { channel: "email" } },
      { id: "ack", type: "message.send", position: at(1), settings: { text: "Thanks {{customer.name}}, we are on it. Reply to this mail with a photo." } },
      { id: "reply", type: "message.wait-reply", position: at(2), settings: { timeoutSeconds: 600 } },
      { id: "end", type: "flow.end", position: at(3), settings: {} },
    ],
    edges: [
      { id: "1", source: "in", sourcePort: "out", target: "ack" },
      { id: "2", source: "ack", sourcePort: "out", target: "reply" },
      { id: "3", source: "reply", sourcePort: "reply", target: "end" },
      { id: "4", source: "reply", sourcePort: "timeout", target: "end" },
    ],
  });
  // The demo's Support chat takes e-mail too: publishing proposes this flow, for e-mail only, first.
  await publish(page);

  // The customer writes; the listener answers 250 only once the mail is committed.
  const sent = await mailClient.sendMail({ from: `"${name}" <${customer}>`, to: MAIL_SERVER.support, subject: "Broken order", text: question });
  expect(sent.response).toMatch(/^250 /);

  // The flow's answer goes out through the relay, threaded under the customer's mail.
  await expect.poll(() => relayed.filter((m) => m.to.includes(customer)).length).toBe(1);
  const answer = relayed.find((m) => m.to.includes(customer))!;
  expect(answer.inReplyTo).toBe(sent.messageId);
  expect(answer.subject).toBe("Re: Broken order");
  expect(answer.text).toContain(`Thanks ${name}, we are on it.`);

  // The customer answers that mail; In-Reply-To names it.
  const reply = await mailClient.sendMail({
    from: `"${name}" <${customer}>`,
    to: MAIL_SERVER.support,
    subject: "Re: Broken order",
    text: "Here is the photo of the broken box.",
    inReplyTo: answer.messageId,
    references: [sent.messageId, answer.messageId],
  });
  expect(reply.response).toMatch(/^250 /);

  // The administrator finds the customer and opens their timeline.
  await page.getByTestId("nav-customers").click();
  await page.getByTestId("customer-search").fill(name);
  const row = page.getByTestId("customer-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`E-mail: ${customer}`);
  await row.click();
  await page.getByTestId("open-customer").click();
  await expect(page).toHaveURL(/\/customers\/[^/]+$/);

  const timeline = page.getByTestId("customer-timeline");
  const messages = timeline.getByTestId("timeline-line").filter({ has: page.getByText("E-mail", { exact: true }) });
  // Newest first: the reply, the flow's answer, the first mail.
  await expect(messages).toHaveCount(3);
  await expect(messages.nth(0)).toContainText("Here is the photo of the broken box.");
  await expect(messages.nth(1)).toContainText(`Thanks ${name}, we are on it.`);
  await expect(messages.nth(2)).toContainText(question);
  await expect(messages.nth(0)).toContainText("Customer");
  // One conversation holds all three.
  const counts = page.getByTestId("customer-counts");
  await expect(counts).toContainText(/Conversations\s*1(?!\d)/);
  await expect(counts).toContainText(/Messages\s*3(?!\d)/);
  await page.screenshot({ path: "test-results/screens/email-timeline.png", fullPage: true });
});
