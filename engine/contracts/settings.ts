import type { z } from "zod";
import { defaultRegionSchema } from "./identity";
import { retentionSchema } from "./privacy";

/** Every setting people change at run time, by key, with its schema (whose default applies while none is stored). */
export const settingSchemas = {
  "privacy.retention": retentionSchema,
  "identity.defaultRegion": defaultRegionSchema,
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;
