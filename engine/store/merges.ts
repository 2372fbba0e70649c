import type { IdentityKind, IdentitySource } from "../contracts/identity";
import { iso, type Db } from "./db";
import { newId } from "./ids";

/** The tables whose rows a merge moves from one customer to the other, each by its `customerId`. */
export const MOVED_TABLES = {
  identities: "CustomerIdentity",
  conversations: "Conversation",
  cases: "Case",
  tasks: "Task",
  instances: "Instance",
  notifications: "Notification",
  handoffs: "ChannelHandoff",
} as const;
export type MovedTable = keyof typeof MOVED_TABLES;
/** The ids of the rows one merge moved, by table. */
export type MovedRows = Record<MovedTable, string[]>;
/** What the survivor took besides rows: the names of the fields it had not had, and whether it took the name. */
export type Took = { fields: string[]; name: boolean };

export type SuggestionRow = {
  id: string;
  customerId: string;
  otherCustomerId: string;
  kind: IdentityKind;
  value: string;
  source: IdentitySource;
  status: "open" | "accepted" | "rejected";
  mergeId: string | null;
  createdAt: string;
};
export type MergeRow = { id: string; survivorId: string; mergedId: string; moved: string; took: string; createdAt: string; splitAt: string | null };

const TABLES = Object.entries(MOVED_TABLES) as [MovedTable, string][];
const inList = (column: string) => `${column} IN (SELECT value FROM json_each(?))`;

/** Merge suggestions, and the record of each merge (what it moved) so a split can move exactly that back. */
export function createMergeRepository(db: Db) {
  const s = {
    // One open suggestion per pair of customers; one the operator rejected is not raised again for the same identifier.
    seen: db.prepare(
      `SELECT 1 FROM "MergeSuggestion" WHERE customerId = ? AND otherCustomerId = ? AND (status = 'open' OR (status = 'rejected' AND kind = ? AND value = ?))`,
    ),
    insert: db.prepare(
      `INSERT INTO "MergeSuggestion" (id, customerId, otherCustomerId, kind, value, source, status, createdAt) VALUES (?, ?, ?, ?, ?, ?, 'open', ?)`,
    ),
    get: db.prepare(`SELECT * FROM "MergeSuggestion" WHERE id = ?`),
    open: db.prepare(`SELECT * FROM "MergeSuggestion" WHERE status = 'open' AND (customerId = ? OR otherCustomerId = ?) ORDER BY createdAt DESC LIMIT 50`),
    decide: db.prepare(`UPDATE "MergeSuggestion" SET status = ?, mergeId = ?, decidedAt = ? WHERE id = ? AND status = 'open'`),
    insertMerge: db.prepare(`INSERT INTO "CustomerMerge" (id, survivorId, mergedId, moved, took, createdAt) VALUES (?, ?, ?, ?, ?, ?)`),
    getMerge: db.prepare(`SELECT * FROM "CustomerMerge" WHERE id = ?`),
    mergesInto: db.prepare(`SELECT * FROM "CustomerMerge" WHERE survivorId = ? ORDER BY createdAt DESC, id DESC LIMIT 50`),
    split: db.prepare(`UPDATE "CustomerMerge" SET splitAt = ? WHERE id = ? AND splitAt IS NULL`),
    mergedInto: db.prepare(`UPDATE "Customer" SET mergedIntoId = ? WHERE id = ?`),
    profile: db.prepare(`UPDATE "Customer" SET name = ?, fields = ? WHERE id = ?`),
    ids: Object.fromEntries(TABLES.map(([key, table]) => [key, db.prepare(`SELECT id FROM "${table}" WHERE customerId = ? ORDER BY rowid`)])),
    move: Object.fromEntries(TABLES.map(([key, table]) => [key, db.prepare(`UPDATE "${table}" SET customerId = ? WHERE customerId = ? AND ${inList("id")}`)])),
  };

  return {
    /** Records that `customerId`'s conversation yielded an identifier `otherCustomerId` holds; null when already suggested or rejected. */
    suggest(customerId: string, otherCustomerId: string, identity: { kind: IdentityKind; value: string }, source: IdentitySource, at: number): string | null {
      if (s.seen.get(customerId, otherCustomerId, identity.kind, identity.value)) return null;
      const id = newId();
      s.insert.run(id, customerId, otherCustomerId, identity.kind, identity.value, source, iso(at));
      return id;
    },
    suggestion: (id: string) => s.get.get(id) as SuggestionRow | undefined,
    /** Open suggestions the customer is part of (either side), newest first. */
    openFor: (customerId: string) => s.open.all(customerId, customerId) as SuggestionRow[],
    /** Closes an open suggestion; false when it was decided meanwhile. */
    decide(id: string, status: "accepted" | "rejected", mergeId: string | null, at: number): boolean {
      return s.decide.run(status, mergeId, iso(at), id).changes > 0;
    },
    /** The ids of the customer's rows in every table a merge moves. */
    rowsOf(customerId: string): MovedRows {
      return Object.fromEntries(TABLES.map(([key]) => [key, (s.ids[key].all(customerId) as { id: string }[]).map((r) => r.id)])) as MovedRows;
    },
    /** Moves the listed rows that still belong to `from` over to `to`. */
    move(rows: MovedRows, from: string, to: string): void {
      for (const [key] of TABLES) if (rows[key].length) s.move[key].run(to, from, JSON.stringify(rows[key]));
    },
    setProfile(customerId: string, name: string | null, fields: Record<string, unknown>): void {
      s.profile.run(name, JSON.stringify(fields), customerId);
    },
    setMergedInto(customerId: string, survivorId: string | null): void {
      s.mergedInto.run(survivorId, customerId);
    },
    record(survivorId: string, mergedId: string, moved: MovedRows, took: Took, at: number): string {
      const id = newId();
      s.insertMerge.run(id, survivorId, mergedId, JSON.stringify(moved), JSON.stringify(took), iso(at));
      return id;
    },
    merge: (id: string) => s.getMerge.get(id) as MergeRow | undefined,
    /** Merges into the customer, newest first (split ones too). */
    mergesInto: (survivorId: string) => s.mergesInto.all(survivorId) as MergeRow[],
    markSplit(id: string, at: number): boolean {
      return s.split.run(iso(at), id).changes > 0;
    },
  };
}

export type MergeRepository = ReturnType<typeof createMergeRepository>;
