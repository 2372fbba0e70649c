import * as z from "zod";
import { emit, templateScope } from "../../_kit/context";
import { action, defineNode } from "../../_kit/define-node";
import { fieldLineIssues, fieldLinesSchema, parseFieldLines, renderFieldLines } from "../field-lines";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "fields-empty": "set at least one field",
} as const;

const settings = z.object({
  fields: fieldLinesSchema().min(1, MESSAGES["fields-empty"]).default([]).meta({
    label: "Fields",
    widget: "lines",
    placeholder: "tier = gold",
    help: "One per line, name = value, e.g. email = {{vars.email}}. A value that comes out empty leaves the field as it is.",
  }),
});

/** Merges custom fields (email, tier, preferred messenger …) into the customer's CRM record. */
export const updateCustomerNode = defineNode({
  type: "crm.update-customer",
  version: 1,
  title: "Update customer field",
  description: "Writes custom fields (e.g. email, tier, preferred messenger) to the customer's record; other fields stay as they are.",
  category: "crm",
  icon: "UserPen",
  keywords: ["crm", "customer", "field", "profile", "email", "phone", "tier", "save"],
  ru: {
    title: "Обновить поле клиента",
    description: "Записывает дополнительные поля (например, e-mail, уровень, предпочитаемый мессенджер) в карточку клиента; остальные поля не меняются.",
    keywords: ["crm", "клиент", "поле", "профиль", "карточка", "e-mail", "телефон", "уровень", "сохранить"],
    settings: {
      fields: {
        label: "Поля",
        help: "По одному в строке, имя = значение, например email = {{vars.email}}. Если значение получилось пустым, поле не меняется.",
        placeholder: "tier = gold",
      },
    },
    ports: { out: "Обновлено" },
    messages: {
      "fields-empty": "задайте хотя бы одно поле",
    },
    summary: (s) => {
      const names = parseFieldLines(s.fields).map((f) => f.name);
      return names.length ? `Задать ${names.join(", ")}`.slice(0, 60) : "Нет полей";
    },
  },
  settings,
  hasInput: true,
  outputs: () => [{ id: "out", label: "Updated" }],
  summary: (s) => {
    const names = parseFieldLines(s.fields).map((f) => f.name);
    return names.length ? `Set ${names.join(", ")}`.slice(0, 60) : "No fields";
  },
  messages: MESSAGES,
  validate: (s) => fieldLineIssues(s.fields, "fields"),
  compile: (ctx) => ({ entry: [ctx.action("update", { nodeId: ctx.nodeId, fields: ctx.settings.fields })], always: { target: ctx.target("out") } }),
  actions: {
    update: action<{ nodeId: string; fields: string[] }>((context, _event, p) => {
      const fields = renderFieldLines(p.fields, templateScope(context));
      return Object.keys(fields).length ? emit(context, { kind: "customer.update", nodeId: p.nodeId, fields }) : context;
    }),
  },
  examples: [{ name: "Remember the e-mail", settings: { fields: ["email = {{vars.email}}", "preferredMessenger = telegram"] } }],
});
