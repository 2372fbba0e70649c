/**
 * Russian words several nodes share: task priorities, the task settings' texts. Channel names are
 * engine/contracts/format.ts's (`RU_CHANNEL_LABELS`, `channelLabelRu`), the one table the engine words them with too.
 */

/** Task priorities (keys are `TASK_PRIORITIES`). */
export const RU_PRIORITIES = { low: "Низкий", normal: "Обычный", high: "Высокий", urgent: "Срочный" } as const;

/** The texts of `prioritySetting`'s default label and help. */
export const RU_PRIORITY_FIELD = { label: "Приоритет", help: "Операторы видят задачи с более высоким приоритетом первыми." } as const;

/** The texts of `skillsSetting`. */
export const RU_SKILLS_FIELD = {
  label: "Нужные навыки",
  help: "По одному в строке, например complaints или ru. Задачу видят только операторы со всеми этими навыками; супервизоры видят все задачи.",
} as const;

/**
 * The Russian form of a word for a count: `one` for 1, 21, 101…; `few` for 2–4, 22–24…; `many` for
 * 0, 5–20, 25–30… (`ruPlural(2, ["шаг", "шага", "шагов"])` → "шага").
 */
export function ruPlural(count: number, [one, few, many]: readonly [one: string, few: string, many: string]): string {
  const n = Math.abs(Math.trunc(count));
  const tens = n % 100;
  const units = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}

/** The count and its word: `ruCount(5, ["шаг", "шага", "шагов"])` → "5 шагов". */
export const ruCount = (count: number, forms: readonly [one: string, few: string, many: string]) => `${count} ${ruPlural(count, forms)}`;

/** A task priority inside a line: "срочный". */
export const ruPriority = (priority: string): string => (RU_PRIORITIES as Record<string, string>)[priority]?.toLowerCase() ?? priority;
