import type { AuditFilter } from "../contracts/audit";
import { type Db, withBusyWait } from "./db";

/** An audit row as stored; `at` is ISO-8601 text, `detail` JSON text (what the hash covers, byte for byte). */
export type AuditRow = {
  seq: number;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorName: string;
  role: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: string;
  detail: string;
  requestId: string | null;
  ip: string | null;
  prevHash: string;
  hash: string;
};

/** The newest row's link, which the next row chains onto (null for an empty trail). */
export type AuditHead = { seq: number; hash: string } | null;

const COLUMNS = "seq, at, actorKind, actorId, actorName, role, action, targetType, targetId, outcome, detail, requestId, ip, prevHash, hash";

/** LIKE treats % and _ as wildcards: a reader's text is matched literally. */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The SQL condition of a filter and its parameters. */
function whereOf(f: AuditFilter): { sql: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (f.actor) {
    parts.push(`(actorId = ? OR actorName LIKE ? ESCAPE '\\')`);
    params.push(f.actor, `%${literal(f.actor)}%`);
  }
  if (f.action) {
    parts.push(`action LIKE ? ESCAPE '\\'`);
    params.push(`${literal(f.action)}%`);
  }
  for (const key of ["targetType", "targetId", "outcome"] as const) {
    const value = f[key];
    if (value) {
      parts.push(`${key} = ?`);
      params.push(value);
    }
  }
  if (f.from) {
    parts.push("at >= ?");
    params.push(f.from.toISOString());
  }
  if (f.to) {
    parts.push("at < ?");
    params.push(f.to.toISOString());
  }
  return { sql: parts.length ? parts.join(" AND ") : "1 = 1", params };
}

/** The audit trail: append-only, hash-chained (the chain itself is engine/audit's). */
export function createAuditRepository(db: Db) {
  const head = db.prepare(`SELECT seq, hash FROM "AuditEntry" ORDER BY seq DESC LIMIT 1`);
  const insert = db.prepare(`INSERT INTO "AuditEntry" (${COLUMNS}) VALUES (${COLUMNS.replace(/\w+/g, "@$&")})`);
  // IMMEDIATE takes the write lock before reading the head, so two writers (other connections,
  // other processes) cannot chain onto the same row; `seq` being the key refuses a fork outright.
  const appendTx = db.transaction((build: (head: AuditHead) => AuditRow) => {
    const row = build((head.get() as AuditHead | undefined) ?? null);
    insert.run(row);
    return row;
  });
  return {
    /** Appends the row `build` makes from the current head, in one transaction. */
    append(build: (head: AuditHead) => AuditRow): AuditRow {
      // Several processes may append at once; an audit row is never dropped for a busy moment.
      return withBusyWait(db, 5000, () => appendTx.immediate(build));
    },
    /** Rows matching `filter`, newest first, older than `before` (a seq) when given. */
    page(filter: AuditFilter, before: number | undefined, limit: number): AuditRow[] {
      const where = whereOf(filter);
      const cursor = before === undefined ? "" : " AND seq < ?";
      const sql = `SELECT ${COLUMNS} FROM "AuditEntry" WHERE ${where.sql}${cursor} ORDER BY seq DESC LIMIT ?`;
      return db.prepare(sql).all(...where.params, ...(before === undefined ? [] : [before]), limit) as AuditRow[];
    },
    count(filter: AuditFilter): number {
      const where = whereOf(filter);
      return (db.prepare(`SELECT COUNT(*) AS n FROM "AuditEntry" WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
    },
    /** Rows matching `filter`, oldest first, one at a time (exports). */
    each(filter: AuditFilter): IterableIterator<AuditRow> {
      const where = whereOf(filter);
      return db.prepare(`SELECT ${COLUMNS} FROM "AuditEntry" WHERE ${where.sql} ORDER BY seq`).iterate(...where.params) as IterableIterator<AuditRow>;
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
