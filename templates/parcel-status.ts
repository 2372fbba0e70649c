import { at, wires } from "./layout";
import { defineTemplate } from "./template";

const TRACKING = "{{vars.trackingUrl | shop.example/account/orders}}";
const shipped = { orderId: "A-10442", status: "shipped", trackingUrl: "https://track.example/A-10442" };

/** An order-status change reaches the customer on Telegram, else by SMS, else by e-mail. */
export const parcelStatus = defineTemplate({
  id: "parcel-status",
  name: "Parcel status",
  description:
    "When the CRM reports an order status change (order.status-changed), the customer is notified on Telegram; " +
    "if that cannot be delivered, by SMS, then by e-mail; if all three fail the flow ends as unreachable. " +
    "Telegram stands in for the customer's preferred messenger: " +
    "a per-customer preference needs a customer profile field, which Omniflow does not have yet.",
  document: {
    nodes: [
      { id: "start", type: "trigger.crm-event", position: at(0, 0), settings: { event: "order.status-changed" } },
      {
        id: "telegram",
        type: "message.send",
        position: at(1, 0),
        settings: {
          channel: "telegram",
          awaitDelivery: true,
          text: `Hi {{customer.name | there}}! Your order {{vars.orderId}} is now: {{vars.status}}. Track it here: ${TRACKING}`,
        },
      },
      { id: "sent-telegram", type: "flow.end", position: at(2, 0), settings: { outcome: "notified-telegram" } },
      {
        id: "sms",
        type: "message.send",
        position: at(2, 1),
        settings: {
          channel: "sms",
          awaitDelivery: true,
          text: `Omniflow Shop: order {{vars.orderId}} is now {{vars.status}}. Track: ${TRACKING}`,
        },
      },
      { id: "sent-sms", type: "flow.end", position: at(3, 1), settings: { outcome: "notified-sms" } },
      {
        id: "email",
        type: "message.send",
        position: at(3, 2),
        settings: {
          channel: "email",
          awaitDelivery: true,
          text:
            "Hello {{customer.name | there}},\n\n" +
            "the status of your order {{vars.orderId}} has changed to: {{vars.status}}.\n" +
            `You can follow your parcel here: ${TRACKING}\n\n` +
            "Kind regards,\nThe Omniflow Shop team",
        },
      },
      { id: "sent-email", type: "flow.end", position: at(4, 2), settings: { outcome: "notified-email" } },
      { id: "unreachable", type: "flow.end", position: at(4, 3), settings: { outcome: "unreachable" } },
    ],
    edges: wires(
      ["start", "out", "telegram"],
      ["telegram", "delivered", "sent-telegram"],
      ["telegram", "failed", "sms"],
      ["sms", "delivered", "sent-sms"],
      ["sms", "failed", "email"],
      ["email", "delivered", "sent-email"],
      ["email", "failed", "unreachable"],
    ),
    tests: [
      {
        id: "telegram",
        name: "A customer on Telegram gets one Telegram message",
        customer: { name: "Sam", channel: "email", alsoOn: ["telegram"] },
        steps: [{ do: "crm-event", name: "order.status-changed", payload: shipped }],
        expect: {
          status: "completed",
          outcome: "notified-telegram",
          sent: ["[telegram] Hi Sam! Your order A-10442 is now: shipped. Track it here: https://track.example/A-10442"],
          path: ["start", "telegram", "sent-telegram"],
        },
      },
      {
        id: "email-only",
        name: "Only e-mail: Telegram and SMS fail, the e-mail is delivered",
        customer: { name: "Sam", channel: "email" },
        steps: [{ do: "crm-event", name: "order.status-changed", payload: shipped }],
        expect: { status: "completed", outcome: "notified-email", sent: ["[email] Hello Sam,"], path: ["telegram", "sms", "email", "sent-email"] },
      },
      {
        id: "sms",
        name: "No Telegram: SMS is delivered, with the account link when there is no tracking link",
        customer: { name: "Sam", channel: "sms" },
        steps: [{ do: "crm-event", name: "order.status-changed", payload: { orderId: "A-10442", status: "ready for pickup" } }],
        expect: {
          status: "completed",
          outcome: "notified-sms",
          sent: ["[sms] Omniflow Shop: order A-10442 is now ready for pickup. Track: shop.example/account/orders"],
          path: ["telegram", "sms", "sent-sms"],
        },
      },
      {
        id: "unreachable",
        name: "Reachable on none of the three channels: unreachable",
        customer: { name: "Sam", channel: "phone" },
        steps: [{ do: "crm-event", name: "order.status-changed", payload: shipped }],
        expect: { status: "completed", outcome: "unreachable", sent: [], path: ["telegram", "sms", "email", "unreachable"] },
      },
    ],
  },
});
