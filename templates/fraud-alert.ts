import { at, wires } from "./layout";
import { defineTemplate } from "./template";

const payment = {
  transactionId: "tx-88121",
  amount: 1290,
  currency: "EUR",
  country: "Turkey",
  merchant: "Grand Bazaar Jewellers",
  unusualCountry: true,
};

/** A card payment in an unusual country: the customer confirms it, or the card gets blocked. */
export const fraudAlert = defineTemplate({
  id: "fraud-alert",
  name: "Fraud alert",
  description:
    "A card payment in an unusual country (CRM event card.transaction) asks the customer to confirm it. " +
    '"It was me" closes the alert; "Not me" opens a card-block case in the CRM and an urgent task in the card-blocking queue; ' +
    "no answer within 15 minutes (or three unclear ones) creates a call task in outbound-calls " +
    "whose title names the amount, currency, merchant and country.",
  document: {
    nodes: [
      { id: "start", type: "trigger.crm-event", position: at(0, 1), settings: { event: "card.transaction" } },
      { id: "unusual", type: "logic.expression", position: at(1, 1), settings: { expression: "vars.unusualCountry == true" } },
      {
        id: "confirm",
        type: "message.ask",
        position: at(2, 0),
        settings: {
          question:
            "Hello {{customer.name | there}}, this is the security team of your bank. " +
            "We have just seen a card payment of {{vars.amount}} {{vars.currency}} at {{vars.merchant | a merchant}} in {{vars.country}}. Was this you? " +
            "If we don't hear from you within 15 minutes, we will call you.",
          answer: "buttons",
          buttons: ["It was me", "Not me"],
          variable: "confirmation",
          maxAttempts: 3,
          retryText: 'Sorry, please answer "It was me" or "Not me".',
          timeoutSeconds: 15 * 60,
        },
      },
      { id: "ignored", type: "flow.end", position: at(2, 2), settings: { outcome: "ignored" } },
      {
        id: "thanks",
        type: "message.send",
        position: at(3, 0),
        settings: {
          text: "Thank you for confirming, {{customer.name | there}}. The payment stands and your card stays active. Safe travels!",
        },
      },
      {
        id: "blocking",
        type: "message.send",
        position: at(3, 1),
        settings: {
          text: "Thank you for telling us. We are blocking your card right now to protect your money, and we will dispute this payment for you. We'll message you as soon as the card is blocked.",
        },
      },
      {
        id: "call",
        type: "routing.operator-task",
        position: at(3, 2),
        settings: {
          queue: "outbound-calls",
          title:
            "Call {{customer.name | the cardholder}}: " +
            "unconfirmed {{vars.amount}} {{vars.currency}} at {{vars.merchant | an unknown merchant}} in {{vars.country}} " +
            "(transaction {{vars.transactionId}})",
          steps: [
            "Call the customer on the phone number in the CRM",
            "Confirm their identity with the security questions",
            "Read out the payment in the title: amount, merchant and country",
            "If they do not recognise it, pick not-me so the card gets blocked",
          ],
          outcomes: ["confirmed", "not-me", "unreachable"],
          priority: "high",
        },
      },
      { id: "confirmed", type: "flow.end", position: at(4, 0), settings: { outcome: "confirmed" } },
      {
        id: "case",
        type: "crm.case",
        position: at(4, 1),
        settings: {
          type: "card-block",
          status: "open",
          priority: "urgent",
          subject: "Card payment not recognised: {{vars.amount}} {{vars.currency}} in {{vars.country}}",
          details: [
            "transactionId = {{vars.transactionId}}",
            "merchant = {{vars.merchant}}",
            "amount = {{vars.amount}} {{vars.currency}}",
            "country = {{vars.country}}",
          ],
        },
      },
      {
        id: "block",
        type: "routing.operator-task",
        position: at(5, 1),
        settings: {
          queue: "card-blocking",
          title:
            "Block the card of {{customer.name | a cardholder}}: " +
            "{{vars.amount}} {{vars.currency}} at {{vars.merchant | an unknown merchant}} in {{vars.country}} not recognised " +
            "(transaction {{vars.transactionId}})",
          steps: [
            "Block the card in the card-management system",
            "Open a chargeback dispute for the transaction in the title",
            "Order a replacement card to the address on file",
          ],
          outcomes: ["blocked"],
          priority: "urgent",
        },
      },
      { id: "unreachable", type: "flow.end", position: at(4, 3), settings: { outcome: "unreachable" } },
      {
        id: "blocked",
        type: "message.send",
        position: at(6, 1),
        settings: {
          text: "Your card has been blocked and a replacement is on its way to the address we have on file. We will keep you posted about the disputed payment.",
        },
      },
      { id: "card-blocked", type: "flow.end", position: at(7, 1), settings: { outcome: "card-blocked" } },
    ],
    edges: wires(
      ["start", "out", "unusual"],
      ["unusual", "true", "confirm"],
      ["unusual", "false", "ignored"],
      ["confirm", "button-1", "thanks"],
      ["confirm", "button-2", "blocking"],
      ["confirm", "invalid", "call"],
      ["confirm", "timeout", "call"],
      ["thanks", "out", "confirmed"],
      ["blocking", "out", "case"],
      ["case", "out", "block"],
      ["call", "outcome-confirmed", "confirmed"],
      ["call", "outcome-not-me", "case"],
      ["call", "outcome-unreachable", "unreachable"],
      ["block", "outcome-blocked", "blocked"],
      ["blocked", "out", "card-blocked"],
    ),
    tests: [
      {
        id: "it-was-me",
        name: '"It was me" confirms the payment',
        customer: { name: "Maria", channel: "sms" },
        steps: [
          { do: "crm-event", name: "card.transaction", payload: payment },
          { do: "message", text: "It was me" },
        ],
        expect: {
          status: "completed",
          outcome: "confirmed",
          sent: ["1290 EUR at Grand Bazaar Jewellers in Turkey", "Thank you for confirming, Maria"],
          path: ["start", "unusual", "confirm", "thanks", "confirmed"],
          vars: { confirmation: "It was me" },
        },
      },
      {
        id: "not-me",
        name: '"Not me" blocks the card through an urgent task',
        customer: { name: "Maria", channel: "sms" },
        steps: [
          { do: "crm-event", name: "card.transaction", payload: payment },
          { do: "message", text: "not me" },
          { do: "complete-task", outcome: "blocked" },
        ],
        expect: {
          status: "completed",
          outcome: "card-blocked",
          sent: ["Was this you?", "blocking your card right now", "has been blocked"],
          path: ["confirm", "blocking", "case", "block", "blocked", "card-blocked"],
          vars: { confirmation: "Not me", caseId: "sim:case-card-block" },
        },
      },
      {
        id: "no-answer",
        name: "No answer within 15 minutes creates a call task; the customer does not recognise the payment",
        customer: { name: "Maria", channel: "sms" },
        steps: [
          { do: "crm-event", name: "card.transaction", payload: payment },
          { do: "wait", seconds: 15 * 60 },
          { do: "complete-task", outcome: "not-me" },
        ],
        expect: { status: "waiting", sent: ["Was this you?"], path: ["confirm", "call", "block"] },
      },
      {
        id: "usual-country",
        name: "A payment in a usual country sends nothing",
        customer: { name: "Maria", channel: "sms" },
        steps: [{ do: "crm-event", name: "card.transaction", payload: { ...payment, country: "Germany", unusualCountry: false } }],
        expect: { status: "completed", outcome: "ignored", sent: [], path: ["start", "unusual", "ignored"] },
      },
    ],
  },
});
