/**
 * How one of our messages goes out on WhatsApp: plain text; up to 3 quick replies as reply
 * buttons; up to 10 as a list; more, or titles WhatsApp would cut, spelled out in the text (a
 * cut title would come back as a reply the flow does not know). Outside the 24-hour window a
 * template goes instead.
 */
import { wordedError } from "../../contracts/errors";
import type { OutboundMessage } from "../channel";
import { LIMITS, type OutboundPayload, type TemplatePayload, waIdSchema } from "./api";

/** The customer's WhatsApp id: their E.164 number without the "+". */
export function recipient(address: string): string {
  const id = waIdSchema.safeParse(address.replace(/^\+/, ""));
  if (!id.success) throw wordedError(Error, "whatsapp.address", { address });
  return id.data;
}

const fits = (titles: string[], max: number, width: number) => titles.length <= max && titles.every((t) => t.length >= 1 && t.length <= width);

/** The message as the Cloud API takes it; `listButton` labels the button that opens a list. */
export function composeMessage(message: Pick<OutboundMessage, "address" | "text" | "buttons">, listButton: string): OutboundPayload {
  const envelope = { messaging_product: "whatsapp", recipient_type: "individual", to: recipient(message.address) } as const;
  const titles = (message.buttons ?? []).map((b) => b.trim());
  const body = { text: message.text };
  if (titles.length && message.text.length <= LIMITS.interactiveBody) {
    if (fits(titles, LIMITS.buttons, LIMITS.buttonTitle)) {
      const buttons = titles.map((title, i) => ({ type: "reply" as const, reply: { id: `option-${i + 1}`, title } }));
      return { ...envelope, type: "interactive", interactive: { type: "button", body, action: { buttons } } };
    }
    if (fits(titles, LIMITS.rows, LIMITS.rowTitle)) {
      const rows = titles.map((title, i) => ({ id: `option-${i + 1}`, title }));
      return { ...envelope, type: "interactive", interactive: { type: "list", body, action: { button: listButton, sections: [{ rows }] } } };
    }
  }
  const text = titles.length ? `${message.text} (${titles.join(" / ")})` : message.text;
  return { ...envelope, type: "text", text: { body: text, preview_url: false } };
}

export type ReopenTemplate = { name: string; language: string; takesText: boolean };

/**
 * The template that may reach a customer outside the 24-hour window. When it takes the text, the
 * message goes as its one body parameter, on one line (Meta refuses line breaks and runs of spaces there).
 */
export function composeTemplate(address: string, text: string, reopen: ReopenTemplate): OutboundPayload {
  const template: TemplatePayload = { name: reopen.name, language: { code: reopen.language } };
  const line = Array.from(text.replace(/\s+/g, " ").trim()).slice(0, LIMITS.interactiveBody).join("");
  if (reopen.takesText && line) template.components = [{ type: "body", parameters: [{ type: "text", text: line }] }];
  return { messaging_product: "whatsapp", recipient_type: "individual", to: recipient(address), type: "template", template };
}
