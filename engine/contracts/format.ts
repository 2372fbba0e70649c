import type { ChannelName } from "./channels";

/** The languages the engine words things in for people; English is the source. */
export type Locale = "en" | "ru";

/** The units of a duration, largest first, in each language. */
const UNITS: Record<Locale, readonly (readonly [number, string])[]> = {
  en: [
    [86400, "d"],
    [3600, "h"],
    [60, "min"],
    [1, "s"],
  ],
  ru: [
    [86400, "д"],
    [3600, "ч"],
    [60, "мин"],
    [1, "с"],
  ],
};

/** "2 h 5 min" («2 ч 5 мин»): a delay as people read it (the two largest units). */
export function formatDuration(ms: number, locale: Locale): string {
  const units = UNITS[locale];
  let rest = Math.round(ms / 1000);
  if (rest === 0) return `0 ${units[units.length - 1]?.[1]}`;
  const parts: string[] = [];
  for (const [unit, label] of units) {
    if (rest >= unit) parts.push(`${Math.floor(rest / unit)} ${label}`);
    rest %= unit;
  }
  return parts.slice(0, 2).join(" ");
}

/** Russian "n things": `pluralRu(3, ["ожидание", "ожидания", "ожиданий"])` → "ожидания". */
export function pluralRu(n: number, [one, few, many]: readonly [string, string, string]): string {
  const d10 = n % 10;
  const d100 = n % 100;
  if (d10 === 1 && d100 !== 11) return one;
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return few;
  return many;
}

/**
 * Each channel's Russian name as prose says it («через веб-чат»): the one table of them, which the
 * engine's texts and the nodes' (as labels, below) both read; an unknown channel stays as it is.
 */
const RU_CHANNELS = {
  webchat: "веб-чат",
  email: "e-mail",
  sms: "SMS",
  phone: "телефон",
  telegram: "Telegram",
  whatsapp: "WhatsApp",
  vk: "ВКонтакте",
  viber: "Viber",
} as const satisfies Record<ChannelName, string>;
export const channelNameRu = (channel: string): string => (RU_CHANNELS as Record<string, string>)[channel] ?? channel;

/** The same names as a label or the start of a line shows them («Веб-чат»): the editor's channel choices, node summaries. */
export const RU_CHANNEL_LABELS = Object.fromEntries(
  Object.entries(RU_CHANNELS).map(([channel, name]) => [channel, name.charAt(0).toUpperCase() + name.slice(1)]),
) as Record<ChannelName, string>;
export const channelLabelRu = (channel: string): string => (RU_CHANNEL_LABELS as Record<string, string>)[channel] ?? channel;

/** A channel's name in English, as a heading, a list or prose shows it. */
export const EN_CHANNEL_TITLES: Record<string, string> = {
  webchat: "Web chat",
  email: "E-mail",
  sms: "SMS",
  phone: "Phone",
  telegram: "Telegram",
  whatsapp: "WhatsApp",
  vk: "VK",
  viber: "Viber",
};
/** A channel's name as a title (the Channels page's cards, the Sandbox's tabs, a task's badge) in `locale`: «Веб-чат», "Web chat". */
export const channelTitle = (channel: string, locale: Locale): string => (locale === "ru" ? channelLabelRu(channel) : (EN_CHANNEL_TITLES[channel] ?? channel));

/** A channel's name for a person in `locale`, as prose says it: «через веб-чат», "via Web chat" (English names are titles). */
export const channelName = (channel: string, locale: Locale): string => (locale === "ru" ? channelNameRu(channel) : (EN_CHANNEL_TITLES[channel] ?? channel));
