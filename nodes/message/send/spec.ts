import { z } from "zod";
import { emit, templateScope } from "../../_kit/context";
import { defineNode } from "../../_kit/define-node";
import { checkTemplate, renderTemplate } from "../../_kit/template";

const settings = z.object({
  text: z
    .string()
    .trim()
    .min(1, "write the message to send")
    .max(4000)
    .meta({ label: "Message", widget: "template", help: "Use {{customer.name}}, {{message.text}}, {{vars.name}}; {{customer.name | there}} falls back to \"there\"." }),
});

/** Sends a message to the customer in the conversation's channel (through the outbox). */
export const sendMessageNode = defineNode({
  type: "message.send",
  version: 1,
  title: "Send reply",
  description: "Sends a message to the customer in the conversation's channel.",
  category: "message",
  icon: "Send",
  keywords: ["reply", "answer", "message"],
  settings,
  hasInput: true,
  outputs: () => [{ id: "out", label: "Sent" }],
  summary: (s) => (s.text.length > 48 ? `${s.text.slice(0, 47)}…` : s.text),
  validate: (s) => checkTemplate(s.text).map((message) => ({ code: "invalid-settings", field: "text", message })),
  compile: (ctx) => ({
    entry: [ctx.action("send", { nodeId: ctx.nodeId, text: ctx.settings.text })],
    always: { target: ctx.target("out") },
  }),
  actions: {
    send: (context, _event, p) =>
      emit(context, {
        kind: "message.send",
        nodeId: p.nodeId as string,
        text: renderTemplate(p.text as string, templateScope(context)),
      }),
  },
  examples: [{ name: "Greeting", settings: { text: "Hi {{customer.name}}, how can we help?" } }],
});
