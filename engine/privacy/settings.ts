import { inputError } from "../contracts/errors";
import { type SettingKey, type SettingValue, settingSchemas } from "../contracts/settings";
import type { SettingRepository } from "../store/settings";

/**
 * Typed settings over the key-value table: every key has its zod schema (engine/contracts/settings.ts),
 * checked on the way in and on the way out, so a hand-edited row cannot hand the engine a bad value.
 */
export function createSettings(repo: SettingRepository, clock: () => number) {
  function schemaOf<K extends SettingKey>(key: K) {
    const schema = settingSchemas[key];
    if (!schema) throw inputError("setting.unknown", { key }, "key");
    return schema;
  }

  function parse<K extends SettingKey>(key: K, value: unknown): SettingValue<K> {
    const result = schemaOf(key).safeParse(value);
    if (!result.success) {
      const problem = result.error.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("; ");
      throw inputError("setting.invalid", { key, problem }, "value");
    }
    return result.data as SettingValue<K>;
  }

  /** The last value read per key, with the text it was read from: intake reads the region per message, the row seldom changes. */
  const read = new Map<SettingKey, { stored: string | undefined; value: unknown }>();

  return {
    /** The setting's value, or its default while none is stored (the row is read each time, so a hand edit counts at once). */
    get<K extends SettingKey>(key: K): SettingValue<K> {
      const stored = repo.get(key);
      const last = read.get(key);
      if (last && last.stored === stored) return last.value as SettingValue<K>;
      // Frozen: every caller gets this same value.
      const value = Object.freeze(parse(key, stored === undefined ? undefined : JSON.parse(stored))) as SettingValue<K>;
      read.set(key, { stored, value });
      return value;
    },
    /** Validates and stores a value; returns it as stored (defaults filled in). */
    set<K extends SettingKey>(key: K, value: unknown): SettingValue<K> {
      const parsed = parse(key, value);
      repo.put(key, JSON.stringify(parsed), clock());
      return parsed;
    },
  };
}

export type Settings = ReturnType<typeof createSettings>;
