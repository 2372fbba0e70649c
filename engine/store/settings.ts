import { iso, type Db } from "./db";

/** Settings as stored: one JSON text per key (engine/privacy/settings.ts validates what goes in and comes out). */
export function createSettingRepository(db: Db) {
  const get = db.prepare(`SELECT value FROM "Setting" WHERE key = ?`);
  const put = db.prepare(
    `INSERT INTO "Setting" (key, value, updatedAt) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updatedAt = excluded.updatedAt`,
  );
  return {
    /** The stored JSON text, or undefined when nothing was ever stored under `key`. */
    get(key: string): string | undefined {
      return (get.get(key) as { value: string } | undefined)?.value;
    },
    put(key: string, json: string, at: number): void {
      put.run(key, json, iso(at));
    },
  };
}

export type SettingRepository = ReturnType<typeof createSettingRepository>;
