import { iso, type Db } from "./db";

/** A credential as listed: everything but its sealed value. */
export type CredentialRow = { id: string; name: string; kind: string; headerName: string | null; hint: string; createdAt: string; updatedAt: string };

const LISTED = `id, name, kind, headerName, hint, createdAt, updatedAt`;

/** Credentials (sealed secrets nodes name by id) and the row that proves the secret key is the right one. */
export function createCredentialRepository(db: Db) {
  const list = db.prepare(`SELECT ${LISTED} FROM "Credential" ORDER BY name COLLATE NOCASE, id`);
  const byId = db.prepare(`SELECT ${LISTED} FROM "Credential" WHERE id = ?`);
  const byName = db.prepare(`SELECT ${LISTED} FROM "Credential" WHERE name = ? COLLATE NOCASE AND id <> ?`);
  const sealedOf = db.prepare(`SELECT kind, headerName, sealed FROM "Credential" WHERE id = ?`);
  const insert = db.prepare(
    `INSERT INTO "Credential" (id, name, kind, headerName, sealed, hint, createdAt, updatedAt) VALUES (@id, @name, @kind, @headerName, @sealed, @hint, @at, @at)`,
  );
  const reseal = db.prepare(`UPDATE "Credential" SET sealed = ?, hint = ?, updatedAt = ? WHERE id = ?`);
  const rename = db.prepare(`UPDATE "Credential" SET name = ?, updatedAt = ? WHERE id = ?`);
  const remove = db.prepare(`DELETE FROM "Credential" WHERE id = ?`);
  const keyCheck = db.prepare(`SELECT sealed FROM "SecretKeyCheck" WHERE id = 1`);
  const insertKeyCheck = db.prepare(`INSERT OR IGNORE INTO "SecretKeyCheck" (id, sealed, createdAt) VALUES (1, ?, ?)`);

  return {
    list: () => list.all() as CredentialRow[],
    get: (id: string) => byId.get(id) as CredentialRow | undefined,
    /** Another credential with this name, ignoring case (`exceptId`: the one being renamed). */
    named: (name: string, exceptId = "") => byName.get(name, exceptId) as CredentialRow | undefined,
    sealed: (id: string) => sealedOf.get(id) as { kind: string; headerName: string | null; sealed: string } | undefined,
    insert(row: { id: string; name: string; kind: string; headerName: string | null; sealed: string; hint: string }, at: number) {
      insert.run({ ...row, at: iso(at) });
    },
    reseal: (id: string, sealed: string, hint: string, at: number) => reseal.run(sealed, hint, iso(at), id).changes > 0,
    rename: (id: string, name: string, at: number) => rename.run(name, iso(at), id).changes > 0,
    remove: (id: string) => remove.run(id).changes > 0,
    /** The key check's sealed text, if the database has one yet. */
    keyCheck: () => (keyCheck.get() as { sealed: string } | undefined)?.sealed,
    setKeyCheck(sealed: string, at: number) {
      insertKeyCheck.run(sealed, iso(at));
    },
  };
}

export type CredentialRepository = ReturnType<typeof createCredentialRepository>;
