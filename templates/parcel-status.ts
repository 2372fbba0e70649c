import { at, wires } from "./layout";
import { defineTemplate } from "./template";

const TRACKING = "{{vars.trackingUrl | shop.example/account/orders}}";
const shipped = { orderId: "A-10442", status: "shipped", trackingUrl: "https://track.example/A-10442" };

const en = {
  name: "Parcel status",
  description:
    "When the CRM reports an order status change (order.status-changed), the customer is notified on Telegram; " +
    "if that cannot be delivered, by SMS, then by e-mail; if all three fail the flow ends as unreachable. " +
    "Telegram stands in for the customer's preferred messenger: " +
    "a per-customer preference needs a customer profile field, which Omniflow does not have yet.",
  telegram: `Hi {{customer.name | there}}! Your order {{vars.orderId}} is now: {{vars.status}}. Track it here: ${TRACKING}`,
  sms: `Omniflow Shop: order {{vars.orderId}} is now {{vars.status}}. Track: ${TRACKING}`,
  email:
    "Hello {{customer.name | there}},\n\n" +
    "the status of your order {{vars.orderId}} has changed to: {{vars.status}}.\n" +
    `You can follow your parcel here: ${TRACKING}\n\n` +
    "Kind regards,\nThe Omniflow Shop team",
  tests: {
    customer: "Sam",
    shipped,
    readyForPickup: "ready for pickup",
    telegram: {
      name: "A customer on Telegram gets one Telegram message",
      sent: ["[telegram] Hi Sam! Your order A-10442 is now: shipped. Track it here: https://track.example/A-10442"],
    },
    emailOnly: { name: "Only e-mail: Telegram and SMS fail, the e-mail is delivered", sent: ["[email] Hello Sam,"] },
    sms: {
      name: "No Telegram: SMS is delivered, with the account link when there is no tracking link",
      sent: ["[sms] Omniflow Shop: order A-10442 is now ready for pickup. Track: shop.example/account/orders"],
    },
    unreachable: { name: "Reachable on none of the three channels: unreachable" },
  },
};

const ru: typeof en = {
  name: "Статус посылки",
  description:
    "Когда CRM сообщает об изменении статуса заказа (order.status-changed), клиент получает уведомление в Telegram; " +
    "если доставить его не удалось — по SMS, затем по электронной почте; если не сработали все три канала, сценарий завершается как «недоступен». " +
    "Telegram здесь заменяет мессенджер, который предпочитает клиент: " +
    "чтобы учитывать предпочтения каждого клиента, нужно поле в профиле клиента, которого в Omniflow пока нет.",
  telegram: `Здравствуйте, {{customer.name | уважаемый клиент}}! Статус вашего заказа {{vars.orderId}}: {{vars.status}}. Отследить: ${TRACKING}`,
  sms: `Omniflow Shop: заказ {{vars.orderId}} — {{vars.status}}. Отследить: ${TRACKING}`,
  email:
    "Здравствуйте, {{customer.name | уважаемый клиент}}!\n\n" +
    "Статус вашего заказа {{vars.orderId}} изменился: {{vars.status}}.\n" +
    `Отслеживать посылку можно здесь: ${TRACKING}\n\n` +
    "С уважением,\nкоманда Omniflow Shop",
  tests: {
    customer: "Семён",
    shipped: { ...shipped, status: "передан в службу доставки" },
    readyForPickup: "готов к выдаче",
    telegram: {
      name: "Клиент в Telegram получает одно сообщение в Telegram",
      sent: ["[telegram] Здравствуйте, Семён! Статус вашего заказа A-10442: передан в службу доставки. Отследить: https://track.example/A-10442"],
    },
    emailOnly: { name: "Только e-mail: Telegram и SMS не доставлены, письмо доставлено", sent: ["[email] Здравствуйте, Семён!"] },
    sms: {
      name: "Нет Telegram: доставлено SMS со ссылкой на личный кабинет, если ссылки для отслеживания нет",
      sent: ["[sms] Omniflow Shop: заказ A-10442 — готов к выдаче. Отследить: shop.example/account/orders"],
    },
    unreachable: { name: "Клиент недоступен ни в одном из трёх каналов" },
  },
};

/** An order-status change reaches the customer on Telegram, else by SMS, else by e-mail. */
export const parcelStatus = defineTemplate("parcel-status", { en, ru }, (t) => ({
  name: t.name,
  description: t.description,
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
          text: t.telegram,
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
          text: t.sms,
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
          text: t.email,
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
        name: t.tests.telegram.name,
        customer: { name: t.tests.customer, channel: "email", alsoOn: ["telegram"] },
        steps: [{ do: "crm-event", name: "order.status-changed", payload: t.tests.shipped }],
        expect: {
          status: "completed",
          outcome: "notified-telegram",
          sent: t.tests.telegram.sent,
          path: ["start", "telegram", "sent-telegram"],
        },
      },
      {
        id: "email-only",
        name: t.tests.emailOnly.name,
        customer: { name: t.tests.customer, channel: "email" },
        steps: [{ do: "crm-event", name: "order.status-changed", payload: t.tests.shipped }],
        expect: { status: "completed", outcome: "notified-email", sent: t.tests.emailOnly.sent, path: ["telegram", "sms", "email", "sent-email"] },
      },
      {
        id: "sms",
        name: t.tests.sms.name,
        customer: { name: t.tests.customer, channel: "sms" },
        steps: [{ do: "crm-event", name: "order.status-changed", payload: { orderId: "A-10442", status: t.tests.readyForPickup } }],
        expect: {
          status: "completed",
          outcome: "notified-sms",
          sent: t.tests.sms.sent,
          path: ["telegram", "sms", "sent-sms"],
        },
      },
      {
        id: "unreachable",
        name: t.tests.unreachable.name,
        customer: { name: t.tests.customer, channel: "phone" },
        steps: [{ do: "crm-event", name: "order.status-changed", payload: t.tests.shipped }],
        expect: { status: "completed", outcome: "unreachable", sent: [], path: ["telegram", "sms", "email", "unreachable"] },
      },
    ],
  },
}));
