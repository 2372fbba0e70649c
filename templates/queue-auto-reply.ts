import { at, wires } from "./layout";
import { defineTemplate } from "./template";

const EXPECTED_WAIT_MINUTES = 10;

/** Before a chat waits in the queue, an auto-reply names the expected wait and the other channels. */
export const queueAutoReply = defineTemplate({
  id: "queue-auto-reply",
  name: "Queue auto-reply",
  description:
    "Before a new web chat waits in the support queue, " +
    `an auto-reply gives the expected wait (about ${EXPECTED_WAIT_MINUTES} minutes while the team is in; ` +
    "when it is offline, a reply once it opens) and the other ways to reach us: Telegram, phone and e-mail. " +
    "Not yet possible: the wait is a fixed estimate (a flow cannot read the live queue), " +
    "and the reply is sent once (a flow cannot send reminders and keep waiting for the same operator task).",
  document: {
    nodes: [
      { id: "start", type: "trigger.message-received", position: at(0, 1), settings: { channel: "webchat" } },
      {
        id: "hours",
        type: "logic.business-hours",
        position: at(1, 1),
        settings: {
          timeZone: "Europe/London",
          mon: "08:00-20:00",
          tue: "08:00-20:00",
          wed: "08:00-20:00",
          thu: "08:00-20:00",
          fri: "08:00-20:00",
          sat: "09:00-17:00",
          sun: "",
        },
      },
      {
        id: "busy",
        type: "message.send",
        position: at(2, 0),
        settings: {
          text:
            "Thanks for your message, {{customer.name | there}}! " +
            "All our agents are helping other customers right now; " +
            `the expected wait is about ${EXPECTED_WAIT_MINUTES} minutes, and you keep your place in the queue here. ` +
            "If you'd rather not wait, you can also reach us on Telegram (@omniflow_support), by phone on +44 20 7946 0000, " +
            "or by e-mail at support@omniflow.example.",
        },
      },
      {
        id: "offline",
        type: "message.send",
        position: at(2, 2),
        settings: {
          text:
            "Thanks for your message, {{customer.name | there}}! " +
            "Our team is offline right now (Mon–Fri 8:00–20:00, Sat 9:00–17:00 UK time), so an agent will reply here as soon as we open. " +
            "Meanwhile our Telegram bot (@omniflow_support) answers common questions around the clock, you can e-mail support@omniflow.example, " +
            "or call +44 20 7946 0000 during opening hours.",
        },
      },
      {
        id: "task",
        type: "routing.operator-task",
        position: at(3, 1),
        settings: {
          queue: "support",
          title: "Web chat from {{customer.name | a visitor}}: {{message.text}}",
          steps: ["Read the conversation", "Answer the customer in the chat", "Pick an outcome"],
          outcomes: ["resolved", "unresolved"],
        },
      },
      { id: "resolved", type: "flow.end", position: at(4, 1), settings: { outcome: "resolved" } },
      { id: "unresolved", type: "flow.end", position: at(4, 2), settings: { outcome: "unresolved" } },
    ],
    edges: wires(
      ["start", "out", "hours"],
      ["hours", "open", "busy"],
      ["hours", "closed", "offline"],
      ["busy", "out", "task"],
      ["offline", "out", "task"],
      ["task", "outcome-resolved", "resolved"],
      ["task", "outcome-unresolved", "unresolved"],
    ),
    tests: [
      {
        id: "open",
        name: "During opening hours the auto-reply gives the wait and the other channels",
        customer: { name: "Ann", channel: "webchat" },
        steps: [
          { do: "message", text: "Hi, I can't log in to my account" },
          { do: "complete-task", outcome: "resolved" },
        ],
        expect: {
          status: "completed",
          outcome: "resolved",
          sent: [
            `Thanks for your message, Ann! All our agents are helping other customers right now; the expected wait is about ${EXPECTED_WAIT_MINUTES} minutes`,
          ],
          path: ["start", "hours", "busy", "task", "resolved"],
        },
      },
      {
        id: "saturday-evening",
        name: "On Saturday evening the offline auto-reply points to Telegram and e-mail",
        customer: { name: "Ann", channel: "webchat" },
        // Monday 09:00 UTC + 5 days 9 hours = Saturday 18:00 in London.
        steps: [
          { do: "wait", seconds: 5 * 86400 + 9 * 3600 },
          { do: "message", text: "Hi, I can't log in to my account" },
        ],
        expect: { status: "waiting", sent: ["Our team is offline right now"], path: ["start", "hours", "offline", "task"] },
      },
    ],
  },
});
