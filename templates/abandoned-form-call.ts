import { at, wires } from "./layout";
import { taskOutcome } from "./task-outcomes";
import { defineTemplate } from "./template";

const RETRY_MINUTES = 30;
const MAX_RETRIES = 200; // 200 × 30 min ≈ 4 days closed: after that the lead is stale

const form = { formId: "credit-card-application", url: "https://bank.example/apply/credit-card?step=3", phone: "+49 30 1234567" };
// The simulation starts on Monday 2026-01-05 09:00 UTC (10:00 in Berlin); waits move that clock.
const HOUR = 3600;
const DAY = 24 * HOUR;

const en = {
  name: "Abandoned form → call",
  description:
    "When the CRM reports an abandoned form (form.abandoned), " +
    "an outbound call task with the form's address goes to the outbound-calls queue during business hours (Mon–Fri 09:00–18:00 Berlin, " +
    "German public holidays of 2026, to be kept up to date). " +
    `Outside them the flow re-checks every ${RETRY_MINUTES} minutes, ` +
    'so the call lands within the first half hour of the next business hour (there is no "wait until open" node yet); ' +
    `after ${MAX_RETRIES} checks (about four days, e.g. over Easter) the lead counts as stale.`,
  callTitle: "Call {{customer.name | the visitor}} ({{vars.phone | number in the CRM}}): form left unfinished at {{vars.url}}",
  callSteps: [
    "Open the form at the address in the title to see where the customer stopped",
    "Call the customer and offer to finish the application together",
    "Pick the outcome of the call",
  ],
  tests: {
    customer: "Lena",
    open: "During business hours the call task is created at once",
    weekend: "A form left on Friday evening is called on Monday morning",
    easter: "Closed for more than four days over Easter: the lead goes stale",
  },
};

const ru: typeof en = {
  name: "Брошенная анкета → звонок",
  description:
    "Когда CRM сообщает о брошенной анкете (form.abandoned), " +
    "в рабочее время (Пн–Пт 09:00–18:00 по Берлину, с учётом праздников Германии 2026 года — список нужно обновлять) " +
    "в очередь outbound-calls приходит задача на исходящий звонок со ссылкой на анкету. " +
    `В нерабочее время сценарий проверяет часы работы каждые ${RETRY_MINUTES} минут, ` +
    "поэтому звонок попадает в очередь в первые полчаса рабочего времени (узла «ждать до открытия» пока нет); " +
    `после ${MAX_RETRIES} проверок (около четырёх дней, например на Пасху) заявка считается устаревшей.`,
  callTitle: "Позвонить {{customer.name | посетителю}} ({{vars.phone | номер в CRM}}): анкета не заполнена до конца, {{vars.url}}",
  callSteps: [
    "Откройте анкету по ссылке из заголовка и посмотрите, на каком шаге клиент остановился",
    "Позвоните клиенту и предложите заполнить заявку вместе",
    "Выберите результат звонка",
  ],
  tests: {
    customer: "Елена",
    open: "В рабочее время задача на звонок создаётся сразу",
    weekend: "Анкету, брошенную в пятницу вечером, обзванивают в понедельник утром",
    easter: "Нерабочих дней на Пасху больше четырёх: заявка устаревает",
  },
};

/** An abandoned order form becomes an outbound call task in the next business hour. */
export const abandonedFormCall = defineTemplate("abandoned-form-call", { en, ru }, (t, language) => ({
  name: t.name,
  description: t.description,
  document: {
    nodes: [
      { id: "start", type: "trigger.crm-event", position: at(0, 1), settings: { event: "form.abandoned" } },
      {
        id: "hours",
        type: "logic.business-hours",
        position: at(1, 1),
        settings: {
          timeZone: "Europe/Berlin",
          mon: "09:00-18:00",
          tue: "09:00-18:00",
          wed: "09:00-18:00",
          thu: "09:00-18:00",
          fri: "09:00-18:00",
          sat: "",
          sun: "",
          holidays: ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14", "2026-05-25", "2026-10-03", "2026-12-25", "2026-12-26"],
        },
      },
      {
        id: "call",
        type: "routing.operator-task",
        position: at(2, 0),
        settings: {
          queue: "outbound-calls",
          title: t.callTitle,
          steps: t.callSteps,
          outcomes: [taskOutcome(language, "completed"), taskOutcome(language, "not-interested"), taskOutcome(language, "no-answer")],
        },
      },
      { id: "completed", type: "flow.end", position: at(3, 0), settings: { outcome: "form-completed" } },
      { id: "not-interested", type: "flow.end", position: at(3, 1), settings: { outcome: "not-interested" } },
      { id: "no-answer", type: "flow.end", position: at(3, 2), settings: { outcome: "no-answer" } },
      { id: "later", type: "timer.delay", position: at(2, 3), settings: { amount: RETRY_MINUTES, unit: "minutes" } },
      { id: "guard", type: "flow.loop-guard", position: at(3, 3), settings: { maxIterations: MAX_RETRIES } },
      { id: "stale", type: "flow.end", position: at(4, 3), settings: { outcome: "stale" } },
    ],
    edges: wires(
      ["start", "out", "hours"],
      ["hours", "open", "call"],
      ["hours", "closed", "later"],
      ["call", `outcome-${taskOutcome(language, "completed")}`, "completed"],
      ["call", `outcome-${taskOutcome(language, "not-interested")}`, "not-interested"],
      ["call", `outcome-${taskOutcome(language, "no-answer")}`, "no-answer"],
      ["later", "out", "guard"],
      ["guard", "continue", "hours"],
      ["guard", "exceeded", "stale"],
    ),
    tests: [
      {
        id: "open",
        name: t.tests.open,
        customer: { name: t.tests.customer, channel: "phone" },
        steps: [
          { do: "crm-event", name: "form.abandoned", payload: form },
          { do: "complete-task", outcome: taskOutcome(language, "completed") },
        ],
        expect: { status: "completed", outcome: "form-completed", sent: [], path: ["start", "hours", "call", "completed"] },
      },
      {
        id: "weekend",
        name: t.tests.weekend,
        customer: { name: t.tests.customer, channel: "phone" },
        steps: [
          { do: "wait", seconds: 4 * DAY + 9 * HOUR }, // Friday 19:00 in Berlin: closed
          { do: "crm-event", name: "form.abandoned", payload: { formId: "order-form", url: "https://shop.example/checkout?cart=8812" } },
          { do: "wait", seconds: 2 * DAY + 13 * HOUR }, // Monday 08:00 in Berlin: still closed
          { do: "complete-task", outcome: taskOutcome(language, "completed") }, // no task yet: ignored
          { do: "wait", seconds: 2 * HOUR }, // Monday 10:00: the 09:00 check created the task
          { do: "complete-task", outcome: taskOutcome(language, "no-answer") },
        ],
        expect: { status: "completed", outcome: "no-answer", path: ["start", "hours", "later", "guard", "hours", "call", "no-answer"] },
      },
      {
        id: "easter",
        name: t.tests.easter,
        customer: { name: t.tests.customer, channel: "phone" },
        steps: [
          { do: "wait", seconds: 87 * DAY + 8 * HOUR }, // Thursday 2 April 2026, 19:00 in Berlin, before Good Friday
          { do: "crm-event", name: "form.abandoned", payload: form },
          { do: "wait", seconds: 5 * DAY },
        ],
        expect: { status: "completed", outcome: "stale", path: ["start", "hours", "later", "guard", "stale"] },
      },
    ],
  },
}));
