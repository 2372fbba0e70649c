import { ru } from "zod/locales";
import type { FlowIssue } from "../contracts/flow";
import { channelNameRu } from "../contracts/format";
import type { Locale, NodeSpec } from "../../nodes/_kit/define-node";
import { fillMessage, KIT_MESSAGES, type MessageParams } from "../../nodes/_kit/messages";
import { nodeText, textPath } from "../../nodes/_kit/texts";
import { findNodeSpec, findStructureSpec } from "../../nodes/registry";

/**
 * An issue as a person reads it in `locale`. English is the issue's own `message`, exactly; Russian
 * is rendered from its `code` and `params` (node titles and port labels in Russian, a node's own
 * problems from its `ru.messages`, zod's built-in checks from their zod code). An issue made
 * without params (an older stored one) falls back to its English message.
 * Pure and browser-safe.
 */
export function issueText(issue: FlowIssue, locale: Locale): string {
  if (locale === "en") return issue.message;
  return russian(issue) ?? issue.message;
}

type Params = MessageParams;

/** Russian "n things": `plural(3, ["символ", "символа", "символов"])` → "символа". */
export function plural(n: number, [one, few, many]: [string, string, string]): string {
  const d10 = n % 10;
  const d100 = n % 100;
  if (d10 === 1 && d100 !== 11) return one;
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return few;
  return many;
}

const spec = (type: unknown) => (typeof type === "string" ? findNodeSpec(type) : undefined);
const ruTitle = (type: unknown, fallback = "Узел") => {
  const found = spec(type);
  return found ? nodeText(found, "ru").title : typeof type === "string" ? type : fallback;
};
const structureTitle = (kind: "parallel" | "join" | "end") => {
  const found = findStructureSpec(kind);
  return found ? nodeText(found, "ru").title : kind;
};
/** A port's Russian label (a label the user typed stays as it is). */
const portLabel = (type: unknown, id: unknown, label: unknown) => {
  const found = spec(type);
  const english = String(label ?? id ?? "");
  return found && id !== undefined ? nodeText(found, "ru").port(String(id), english) : english;
};

/** How a variable type is named in Russian messages. */
const VARIABLE_TYPES: Record<string, string> = { string: "строка", number: "число", boolean: "да/нет", object: "объект", any: "любой" };
const typeName = (type: unknown) => `«${VARIABLE_TYPES[String(type)] ?? String(type)}»`;

/** Russian texts of the graph checks, by code (and `params.key` where a code has variants). */
const GRAPH: Record<string, (p: Params) => string> = {
  "no-trigger": () => "Добавьте триггер: сценарию нужно событие, с которого он начинается.",
  "unknown-node-type": (p) => `Неизвестный тип узла «${p.type}».`,
  "duplicate-id": (p) => `У двух узлов одинаковый id «${p.id}».`,
  "dangling-edge": (p) =>
    p.key === "into-trigger"
      ? `«${ruTitle(p.node)}» — триггер: в него не может вести связь.`
      : p.key === "no-output"
        ? `У узла «${ruTitle(p.node)}» нет выхода «${p.port}».`
        : `Связь ${p.edge} ведёт к узлу, которого нет.`,
  "port-connected-twice": (p) =>
    `${p.node ? ruTitle(p.node) : "Узел"}: выход «${portLabel(p.node, p.port, p.label)}» подключён дважды; выход может вести только к одному узлу.`,
  "unconnected-port": (p) => `${ruTitle(p.node)}: выход «${portLabel(p.node, p.port, p.label)}» ни к чему не подключён.`,
  "unreachable-node": (p) => `До узла «${ruTitle(p.node)}» нельзя дойти ни от одного триггера.`,
  "cycle-without-wait": () => "Узел стоит в цикле, где нет ни одного шага ожидания: экземпляр сценария будет крутиться в нём бесконечно.",
  "loop-without-person": (p) =>
    `${ruTitle(p.node)}: цикл не ждёт ни клиента, ни оператора и не считает проходы: ` +
    `он будет повторяться, пока экземпляр не упрётся в дневные лимиты шагов и отправок. Добавьте ожидание ответа или «${ruTitle("flow.loop-guard")}».`,
  "unknown-variable": (p) => `${ruTitle(p.node)}: переменная vars.${p.variable} нигде не задаётся; задайте её каким-нибудь узлом, прежде чем использовать.`,
  "variable-type": (p) =>
    p.key === "write"
      ? `Переменная vars.${p.variable} имеет тип ${typeName(p.type)} (её задаёт узел ${p.setBy}), а этот узел записывает в неё значение типа ${typeName(p.written)}.`
      : `${ruTitle(p.node)}: переменная vars.${p.variable} имеет тип ${typeName(p.type)} (её задаёт узел ${p.setBy}), а здесь нужен тип ${typeName(p.needed)}.`,
  "branch-without-join": (p) =>
    `${ruTitle(p.node)} (${p.id}): ветка «${portLabel(p.node, p.port, p.branch)}» не доходит до узла «${structureTitle("join")}»; сведите все ветки в один такой узел.`,
  "branches-different-joins": (p) =>
    `${ruTitle(p.node)} (${p.id}): ветки сходятся в разных узлах «${structureTitle("join")}» (${p.joins}); сведите все ветки в один.`,
  "branch-crossing": (p) => {
    const branches = `«${portLabel(p.node, p.port, p.branch)}» и «${portLabel(p.node, p.otherPort, p.otherBranch)}»`;
    return `Узел стоит сразу на ветках ${branches} узла «${ruTitle(p.node)}» (${p.id}); связи не могут переходить из ветки в ветку.`;
  },
  "branch-entered-from-outside": (p) =>
    p.key === "join"
      ? `Связь из узла ${p.from} приходит в «${structureTitle("join")}» узла «${ruTitle(p.node)}» (${p.id}) не из его веток.`
      : `Связь из узла ${p.from} входит в ветку «${portLabel(p.node, p.port, p.branch)}» узла «${ruTitle(p.node)}» (${p.id}) снаружи; ветка начинается только в самом узле «${ruTitle(p.node)}».`,
  "join-without-parallel": (p) => {
    const parallel = ruTitle(p.parallel, structureTitle("parallel"));
    return `${ruTitle(p.node)}: сюда не ведёт ни один узел «${parallel}»; «${ruTitle(p.node)}» сводит вместе ветки одного узла «${parallel}».`;
  },
  "end-in-branch": (p) =>
    `«${structureTitle("end")}» внутри ветки «${portLabel(p.node, p.port, p.branch)}» узла «${ruTitle(p.node)}» (${p.id}): завершайте сценарий после узла «${structureTitle("join")}».`,
  "channel-off": (p) =>
    `${ruTitle(p.node)}: канал «${channelNameRu(String(p.channel))}» выключен (адаптер не настроен), сообщение не будет доставлено; ` +
    "настройте канал на странице «Каналы».",
  "parallel-loop": (p) =>
    `${ruTitle(p.node)} (${p.id}): ветка ведёт обратно в этот узел; сведите её в «${structureTitle("join")}», а цикл стройте уже после него.`,
};

function russian(issue: FlowIssue): string | null {
  const p = issue.params;
  if (!p) return issue.code === "no-trigger" ? GRAPH["no-trigger"]({}) : null;
  if (issue.code !== "invalid-settings") return GRAPH[issue.code]?.(p) ?? null;
  return settingsText(p, issue.field);
}

/** An invalid-settings issue: from the schema (prefixed with the node and field) or from the node's own checks. */
function settingsText(p: Params, field: string | undefined): string | null {
  const node = spec(p.node);
  const key = typeof p.key === "string" ? p.key : null;
  if (!key) return null;
  const params: Params = { ...p, title: ruTitle(p.node), ...(typeof p.trigger === "string" && { triggerTitle: ruTitle(p.trigger) }) };
  const text = key.startsWith("zod.") ? zodText(key.slice(4), p) : messageText(node, key, params);
  if (text === null) return null;
  if (p.from !== "schema") return typeof p.line === "string" ? `${p.line}: ${text}` : text;
  return `${params.title}: ${field ? `${fieldLabel(node, field)}: ` : ""}${text}`;
}

/** A node's own text, or a shared one, filled with its parameters. */
function messageText(node: NodeSpec | undefined, key: string, params: Params): string | null {
  const own = node?.ru.messages?.[key];
  const shared = (KIT_MESSAGES.ru as Record<string, string>)[key];
  const template = own ?? shared;
  return template === undefined ? null : fillMessage(template, params);
}

/**
 * A settings field as a Russian reader knows it: its label (the nearest labelled parent for an
 * item without one), with the item's number: `rules.0.pattern` → «Ключевые слова или шаблон» (№ 1).
 */
function fieldLabel(node: NodeSpec | undefined, field: string): string {
  if (!node) return field;
  const text = nodeText(node, "ru");
  const parts = field.split(".");
  const index = [...parts].reverse().find((part) => /^\d+$/.test(part));
  for (let end = parts.length; end > 0; end--) {
    const label = text.setting(textPath(parts.slice(0, end).join("."))).label;
    if (label) return `«${label}»${index !== undefined ? ` (№ ${Number(index) + 1})` : ""}`;
  }
  return field;
}

const CHARS: [string, string, string] = ["символ", "символа", "символов"];
const ITEMS: [string, string, string] = ["элемент", "элемента", "элементов"];
const count = (n: number, forms: [string, string, string]) => `${n} ${plural(n, forms)}`;

const EXPECTED: Record<string, string> = {
  string: "нужен текст",
  number: "нужно число",
  int: "нужно целое число",
  boolean: "нужно «да» или «нет»",
  array: "нужен список",
  object: "нужен объект",
};

/** zod's built-in checks in Russian, from the zod code and the check's parameters; rarer ones from zod's Russian locale. */
function zodText(code: string, p: Params): string {
  const n = Number(p.minimum ?? p.maximum);
  const inclusive = p.inclusive !== "false";
  switch (code) {
    case "too_small":
      if (p.origin === "string") return n <= 1 ? "заполните поле" : `минимум ${count(n, CHARS)}`;
      if (p.origin === "array" || p.origin === "set") return n <= 1 ? "добавьте хотя бы один элемент" : `минимум ${count(n, ITEMS)}`;
      if (p.origin === "number" || p.origin === "int") return inclusive ? `не меньше ${n}` : `больше ${n}`;
      break;
    case "too_big":
      if (p.origin === "string") return `максимум ${count(n, CHARS)}`;
      if (p.origin === "array" || p.origin === "set") return `максимум ${count(n, ITEMS)}`;
      if (p.origin === "number" || p.origin === "int") return inclusive ? `не больше ${n}` : `меньше ${n}`;
      break;
    case "invalid_type":
      return EXPECTED[String(p.expected)] ?? `неверный тип значения (ожидается ${p.expected})`;
    case "invalid_format":
      if (p.format === "regex") return `значение не подходит под шаблон ${p.pattern}`;
      if (p.format === "url") return "нужен адрес URL";
      if (p.format === "email") return "нужен адрес e-mail";
      break;
    case "invalid_value":
      return `выберите одно из значений: ${p.values}`;
    case "unrecognized_keys":
      return `лишние поля: ${p.keys}`;
    case "not_multiple_of":
      return `значение должно делиться на ${p.divisor}`;
    case "custom":
    case "invalid_union":
      return "недопустимое значение";
  }
  const raw = { ...p, code, inclusive, ...(p.values !== undefined && { values: String(p.values).split(", ") }) };
  const rendered = ru().localeError?.(raw as never);
  const message = typeof rendered === "string" ? rendered : rendered?.message;
  return message ?? "недопустимое значение";
}
