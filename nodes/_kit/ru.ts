/** Russian words several nodes share: channel names, task priorities, the task settings' texts. */

/** Channel names as a Russian contact centre says them (keys are the channels' ids). */
export const RU_CHANNELS = {
  webchat: "Веб-чат",
  email: "E-mail",
  sms: "SMS",
  phone: "Телефон",
  telegram: "Telegram",
  whatsapp: "WhatsApp",
} as const;

/** Task priorities (keys are `TASK_PRIORITIES`). */
export const RU_PRIORITIES = { low: "Низкий", normal: "Обычный", high: "Высокий", urgent: "Срочный" } as const;

/** The texts of `prioritySetting`'s default label and help. */
export const RU_PRIORITY_FIELD = { label: "Приоритет", help: "Операторы видят задачи с более высоким приоритетом первыми." } as const;

/** The texts of `skillsSetting`. */
export const RU_SKILLS_FIELD = {
  label: "Нужные навыки",
  help: "По одному в строке, например complaints или ru. Задачу видят только операторы со всеми этими навыками; супервизоры видят все задачи.",
} as const;
