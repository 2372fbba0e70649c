import * as z from "zod";
import { emitAndPark, templateScope, unpark, type FlowContext } from "../../_kit/context";
import { action, defineNode, guard } from "../../_kit/define-node";
import { renderTemplate, type TemplateContext, templateIssues } from "../../_kit/template";
import { HEADER_LINE, MAPPING_LINE, parseMapping, readPath } from "./response";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "url-scheme": "start with http:// or https://",
  "header-line": "write Name: value",
  "mapping-line": "write variable = path.in.answer",
} as const;

const lines = (pattern: RegExp, message: string) => z.array(z.string().trim().regex(pattern, message)).max(30).default([]);

const settings = z.object({
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("GET").meta({ label: "Method" }),
  url: z
    .string()
    .trim()
    .max(2000)
    .regex(/^(https?:\/\/|\{\{)/, MESSAGES["url-scheme"])
    .meta({
      label: "URL",
      widget: "template",
      placeholder: "https://crm.example.com/orders/{{vars.orderId}}",
      help: "Values are percent-encoded; a placeholder at the very start may give the base URL. Internal addresses are refused.",
    }),
  headers: lines(HEADER_LINE, MESSAGES["header-line"]).meta({ label: "Headers", widget: "lines", help: "One per line, Name: value (templates allowed)." }),
  credential: z.string().max(64).optional().meta({
    label: "Credential",
    widget: "credential",
    help: "A saved token or login (Settings → Credentials), added to the request when it is sent; the secret is never stored in the flow.",
  }),
  body: z
    .string()
    .max(20_000)
    .default("")
    .meta({
      label: "Body",
      widget: "template",
      help: "Sent for POST, PUT, PATCH and DELETE. In JSON (starts with { or [, or a JSON Content-Type) values are inserted as JSON.",
    }),
  timeoutSeconds: z.number().int().min(1).max(60).default(10).meta({ label: "Timeout (seconds)" }),
  retries: z.number().int().min(0).max(5).default(2).meta({ label: "Retries", help: "For connection failures, and 5xx/timeouts on GET, PUT, DELETE." }),
  mapping: lines(MAPPING_LINE, MESSAGES["mapping-line"]).meta({
    label: "Response into variables",
    widget: "lines",
    help: "One per line, e.g. orderStatus = data.status. Also sets vars.httpStatus.",
  }),
});

type Settings = z.infer<typeof settings>;

/** How the body's placeholders are escaped: by the Content-Type written in the headers, else by the body's look. */
function bodyContext(headers: string[], body: string): TemplateContext {
  const type = headers.map((line) => HEADER_LINE.exec(line)).find((m) => m?.[1].toLowerCase() === "content-type")?.[2];
  if (type === undefined) return /^\s*(\{(?!\{)|\[)/.test(body) ? "json" : "text"; // `{{` opens a placeholder, not an object
  return /json/i.test(type) ? "json" : /x-www-form-urlencoded/i.test(type) ? "form" : "text";
}

const isMine = (context: FlowContext, event: { key?: string }, nodeId: string) => context.waits[nodeId] === event.key;

/** Calls an HTTP API through the outbox (retries, idempotency key) and maps its answer into variables. */
export const httpRequestNode = defineNode({
  type: "data.http-request",
  version: 1,
  title: "HTTP request",
  description: "Calls an HTTP API; the answer's fields become variables. Failures and 4xx/5xx go to Error.",
  category: "data",
  icon: "Globe",
  keywords: ["http", "api", "webhook", "rest", "integration", "crm"],
  ru: {
    title: "HTTP-запрос",
    description: "Вызывает HTTP API; поля ответа становятся переменными. Сбои и ответы 4xx/5xx уходят в «Ошибка».",
    keywords: ["http", "api", "вебхук", "rest", "интеграция", "crm", "запрос"],
    settings: {
      method: { label: "Метод" },
      url: {
        label: "Адрес (URL)",
        placeholder: "https://crm.example.com/orders/{{vars.orderId}}",
        help: "Значения кодируются для URL; подстановка в самом начале может задавать базовый адрес. Внутренние адреса запрещены.",
      },
      headers: { label: "Заголовки", help: "По одному в строке, Имя: значение (подстановки допускаются)." },
      credential: {
        label: "Учётные данные",
        help: "Сохранённый токен или логин (Настройки → Учётные данные) добавляется к запросу при отправке; сам секрет в сценарии не хранится.",
      },
      body: {
        label: "Тело запроса",
        help: "Отправляется для POST, PUT, PATCH и DELETE. В JSON (начинается с { или [, либо JSON в Content-Type) значения вставляются как JSON.",
      },
      timeoutSeconds: { label: "Время ожидания (сек)" },
      retries: { label: "Повторы", help: "При сбоях соединения, а также при 5xx и тайм-аутах для GET, PUT, DELETE." },
      mapping: { label: "Ответ в переменные", help: "По одному в строке, например orderStatus = data.status. Также задаётся vars.httpStatus." },
    },
    ports: { success: "Успех", error: "Ошибка" },
    messages: {
      "url-scheme": "адрес должен начинаться с http:// или https://",
      "header-line": "пишите «Имя: значение»",
      "mapping-line": "пишите «переменная = путь.в.ответе»",
    },
  },
  settings,
  hasInput: true,
  waits: true,
  outputs: () => [{ id: "success", label: "Success" }, { id: "error", label: "Error" }],
  variables: (s) => ({
    writes: [{ name: "httpStatus", type: "number" }, { name: "httpError", type: "string" }, ...parseMapping(s.mapping).map((m) => ({ name: m.name, type: "any" as const }))],
  }),
  summary: (s) => `${s.method} ${s.url.replace(/^https?:\/\//, "")}`.slice(0, 60),
  reachesUrl: (s) => ({ field: "url", url: s.url }),
  messages: MESSAGES,
  validate: (s) => [
    ...templateIssues(s, "url", "body"),
  ],
  compile: (ctx) => {
    const mine = ctx.guard("is-mine", { nodeId: ctx.nodeId });
    const record = ctx.action("record", { nodeId: ctx.nodeId, mapping: ctx.settings.mapping });
    return {
      entry: [ctx.action("request", { nodeId: ctx.nodeId, ...ctx.settings })],
      on: {
        "http.responded": [
          { guard: ctx.guard("succeeded", { nodeId: ctx.nodeId }), target: ctx.target("success"), actions: [record] },
          { guard: mine, target: ctx.target("error"), actions: [record] },
        ],
        "http.failed": { guard: mine, target: ctx.target("error"), actions: [record] },
      },
    };
  },
  guards: {
    "is-mine": guard<{ nodeId: string }>((context, event, p) => (event.type === "http.responded" || event.type === "http.failed") && isMine(context, event, p.nodeId)),
    succeeded: guard<{ nodeId: string }>((context, event, p) => event.type === "http.responded" && isMine(context, event, p.nodeId) && event.status < 400),
  },
  actions: {
    request: action<{ nodeId: string } & Settings>((context, _event, p) => {
      const nodeId = p.nodeId;
      const scope = templateScope(context);
      const headers = Object.fromEntries(
        p.headers.flatMap((line) => {
          const m = HEADER_LINE.exec(line);
          return m ? [[m[1].toLowerCase(), renderTemplate(m[2], scope, "header")]] : [];
        }),
      );
      return emitAndPark(context, nodeId, {
        kind: "http.request",
        nodeId,
        method: p.method,
        url: renderTemplate(p.url, scope, "url"),
        headers,
        body: p.body ? renderTemplate(p.body, scope, bodyContext(p.headers, p.body)) : null,
        timeoutMs: p.timeoutSeconds * 1000,
        retries: p.retries,
        ...(p.credential && { credential: p.credential }),
      });
    }),
    record: action<{ nodeId: string; mapping: string[] }>((context, event, p) => {
      const done = unpark(context, p.nodeId);
      if (event.type === "http.failed") return { ...done, vars: { ...done.vars, httpStatus: 0, httpError: event.error } };
      if (event.type !== "http.responded") return done;
      const mapped = Object.fromEntries(parseMapping(p.mapping).map((m) => [m.name, readPath(event.body, m.path)]));
      const httpError = event.status < 400 ? "" : `HTTP ${event.status}`;
      return { ...done, vars: { ...done.vars, ...mapped, httpStatus: event.status, httpError } };
    }),
  },
  examples: [
    { name: "Order status", settings: { method: "GET", url: "https://shop.example.com/api/orders/{{vars.orderId}}", mapping: ["orderStatus = status"] } },
  ],
});
