import { iso, type Db } from "./db";
import type { PrismaClient } from "./prisma";

/** An API key as stored: the key only as its hash, the signing secret sealed. */
export type ApiKeyRow = {
  id: string;
  name: string;
  prefix: string;
  keyHash: string;
  signingSecret: string;
  scopes: string[];
  revokedAt: number | null;
};

type StoredRow = Omit<ApiKeyRow, "scopes" | "revokedAt"> & { scopes: string; revokedAt: string | null };

/** Machine callers' API keys. Lookups by id are synchronous (every authenticated request makes one). */
export function createApiKeyRepository(db: Db, prisma: PrismaClient) {
  const insert = db.prepare(
    `INSERT INTO "ApiKey" (id, name, prefix, keyHash, signingSecret, scopes, createdAt) VALUES (@id, @name, @prefix, @keyHash, @signingSecret, @scopes, @createdAt)`,
  );
  const byId = db.prepare(`SELECT id, name, prefix, keyHash, signingSecret, scopes, revokedAt FROM "ApiKey" WHERE id = ?`);
  const touch = db.prepare(`UPDATE "ApiKey" SET lastUsedAt = ? WHERE id = ?`);
  const revoke = db.prepare(`UPDATE "ApiKey" SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL`);
  return {
    add(row: Omit<ApiKeyRow, "revokedAt">, at: number): void {
      insert.run({ ...row, scopes: JSON.stringify(row.scopes), createdAt: iso(at) });
    },
    byId(id: string): ApiKeyRow | null {
      const row = byId.get(id) as StoredRow | undefined;
      if (!row) return null;
      return { ...row, scopes: JSON.parse(row.scopes) as string[], revokedAt: row.revokedAt === null ? null : Date.parse(row.revokedAt) };
    },
    touch(id: string, at: number): void {
      touch.run(iso(at), id);
    },
    /** Revokes a key; false when there is no such key or it was revoked already. */
    revoke(id: string, at: number): boolean {
      return revoke.run(iso(at), id).changes > 0;
    },
    /** Every key for the settings page, newest first (no hashes, no secrets). */
    async list() {
      const rows = await prisma.apiKey.findMany({
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true },
      });
      return rows.map((r) => ({ ...r, scopes: JSON.parse(r.scopes) as string[] }));
    },
  };
}

export type ApiKeyRepository = ReturnType<typeof createApiKeyRepository>;
