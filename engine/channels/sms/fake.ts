/**
 * A small, faithful Twilio for SMS: the Messages API (basic auth, form-encoded, Twilio's error
 * codes and error body), opt-outs honoured as Twilio honours them (a customer who wrote STOP gets
 * nothing until START: error 21610), and webhooks signed as Twilio signs them.
 */
import { randomBytes } from "node:crypto";
import type { DeliveryStatus, RawRequest } from "../channel";
import type { FakeCustomer, FakeDelivery, ProviderFake } from "../provider-fake";
import type { OutboundResponse } from "../../contracts/outbound";
import { settingsSchema, type SmsSettings } from "./adapter";
import { acceptedCall, fakeJson, fakeRefusal } from "../_twilio/rest";
import { API_VERSION, e164Schema, signedWebhook } from "../_twilio/wire";
import { BODY_LIMIT, consentKeyword, type MessageStatus, messagesPath } from "./twilio";

const newSid = (prefix: string) => `${prefix}${randomBytes(16).toString("hex")}`;

/** What a status webhook reports for each of the engine's statuses (a failure as a handset out of reach). */
const REPORTED: Record<DeliveryStatus["status"], MessageStatus> = { sent: "sent", delivered: "delivered", read: "read", failed: "undelivered" };

type Sent = { from: string; to: string };

export type SmsFake = ProviderFake & {
  /** A status callback with any of Twilio's statuses (and its error code), for a message the fake took. */
  statusCallback(sid: string, status: MessageStatus, webhookUrl: string, errorCode?: string): RawRequest;
  /** Whether Twilio would refuse to deliver to this number (it wrote STOP and not START since). */
  optedOut(address: string): boolean;
};

export function createFake(raw: unknown): SmsFake {
  const settings: SmsSettings = settingsSchema.parse(raw);
  const ourNumber = settings.from ?? "+15005550006";
  const deliveries: FakeDelivery[] = [];
  const sent = new Map<string, Sent>();
  const unsubscribed = new Set<string>();
  const webhook = (url: string, params: Record<string, string>) => signedWebhook(settings.authToken, url, params);

  /** The checks Twilio makes on a create-message call, in its order; null when it takes the message. */
  function refusal(params: URLSearchParams): OutboundResponse | null {
    const to = params.get("To");
    const from = params.get("From");
    const service = params.get("MessagingServiceSid");
    const body = params.get("Body") ?? "";
    const callback = params.get("StatusCallback");
    if (!to) return fakeRefusal(400, 21604, "A 'To' phone number is required.");
    if (!e164Schema.safeParse(to).success) return fakeRefusal(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!from && !service) return fakeRefusal(400, 21603, "A 'From' phone number is required.");
    if (from && from !== ourNumber) {
      return fakeRefusal(400, 21606, `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
    }
    if (service && service !== settings.messagingServiceSid) return fakeRefusal(400, 21705, `The Messaging Service Sid ${service} is invalid.`);
    if (!body.trim()) return fakeRefusal(400, 21602, "Message body is required.");
    if (body.length > BODY_LIMIT) return fakeRefusal(400, 21617, `The concatenated message body exceeds the ${BODY_LIMIT} character limit.`);
    if (callback && !URL.canParse(callback)) return fakeRefusal(400, 21609, `The StatusCallback URL ${callback} is not a valid URL.`);
    if (unsubscribed.has(to)) return fakeRefusal(400, 21610, "Attempt to send to unsubscribed recipient");
    return null;
  }

  function statusCallback(sid: string, status: MessageStatus, webhookUrl: string, errorCode?: string): RawRequest {
    const message = sent.get(sid);
    if (!message) throw new Error(`the fake Twilio took no message ${sid}`);
    return webhook(webhookUrl, {
      SmsSid: sid,
      SmsStatus: status,
      MessageStatus: status,
      To: message.to,
      ...(settings.messagingServiceSid && { MessagingServiceSid: settings.messagingServiceSid }),
      MessageSid: sid,
      AccountSid: settings.accountSid,
      From: message.from,
      ApiVersion: API_VERSION,
      ...(errorCode && { ErrorCode: errorCode }),
    });
  }

  return {
    channel: "sms",
    async answer(request) {
      const params = acceptedCall(request, settings, messagesPath(settings.accountSid));
      if (!(params instanceof URLSearchParams)) return params;
      const refused = refusal(params);
      if (refused) return refused;
      const sid = newSid("SM");
      const to = params.get("To") ?? "";
      const body = params.get("Body") ?? "";
      const from = params.get("From") ?? ourNumber;
      const at = Date.now();
      sent.set(sid, { from, to });
      deliveries.push({ providerMessageId: sid, address: to, text: body, buttons: [], at });
      const date = new Date(at).toUTCString().replace("GMT", "+0000");
      return fakeJson(201, {
        account_sid: settings.accountSid,
        api_version: API_VERSION,
        body,
        date_created: date,
        date_sent: null,
        date_updated: date,
        direction: "outbound-api",
        error_code: null,
        error_message: null,
        from: params.get("From"),
        messaging_service_sid: params.get("MessagingServiceSid"),
        num_media: "0",
        num_segments: "1",
        price: null,
        price_unit: "USD",
        sid,
        status: "queued",
        to,
        uri: `${messagesPath(settings.accountSid).replace(".json", "")}/${sid}.json`,
      });
    },
    deliveries: () => [...deliveries],
    customerWrites(customer: FakeCustomer, text: string, webhookUrl: string) {
      // Twilio acts on the keywords itself before passing the message on.
      const consent = consentKeyword(text);
      if (consent === "opted-out") unsubscribed.add(customer.address);
      if (consent === "opted-in") unsubscribed.delete(customer.address);
      const sid = newSid("SM");
      return webhook(webhookUrl, {
        SmsMessageSid: sid,
        NumMedia: "0",
        ...(customer.name && { ProfileName: customer.name }),
        SmsSid: sid,
        SmsStatus: "received",
        Body: text,
        To: ourNumber,
        NumSegments: "1",
        MessageSid: sid,
        AccountSid: settings.accountSid,
        From: customer.address,
        ApiVersion: API_VERSION,
      });
    },
    statusReport: (sid, status, webhookUrl) => statusCallback(sid, REPORTED[status], webhookUrl, status === "failed" ? "30003" : undefined),
    statusCallback,
    optedOut: (address) => unsubscribed.has(address),
  };
}
