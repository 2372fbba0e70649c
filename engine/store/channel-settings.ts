import { iso, type Db } from "./db";

/** A channel's stored configuration: plain settings as JSON, secret ones sealed (engine/channels/setup.ts). */
export type ChannelSettingRow = { channel: string; mode: "live" | "sandbox" | "off"; settings: string; sealedSecrets: string | null; updatedAt: string };

export function createChannelSettingRepository(db: Db) {
  const all = db.prepare(`SELECT channel, mode, settings, sealedSecrets, updatedAt FROM "ChannelSetting" ORDER BY channel`);
  const put = db.prepare(
    `INSERT INTO "ChannelSetting" (channel, mode, settings, sealedSecrets, updatedAt) VALUES (@channel, @mode, @settings, @sealedSecrets, @at)
     ON CONFLICT (channel) DO UPDATE SET mode = excluded.mode, settings = excluded.settings, sealedSecrets = excluded.sealedSecrets, updatedAt = excluded.updatedAt`,
  );
  const remove = db.prepare(`DELETE FROM "ChannelSetting" WHERE channel = ?`);
  return {
    all: () => all.all() as ChannelSettingRow[],
    put(row: Omit<ChannelSettingRow, "updatedAt">, at: number) {
      put.run({ ...row, at: iso(at) });
    },
    remove: (channel: string) => remove.run(channel).changes > 0,
  };
}

export type ChannelSettingRepository = ReturnType<typeof createChannelSettingRepository>;
