import {
  type AuditEntry,
  type AuditExportInput,
  type AuditListInput,
  type AuditVerdict,
  auditEntrySchema,
  auditExportSchema,
  auditListSchema,
} from "../contracts/audit";
import { inputError } from "../contracts/errors";
import type { AuditRepository, AuditRow } from "../store/audit";
import { canonicalJson } from "./canonical";
import { GENESIS, hashRow, verifyChain } from "./chain";
import { csvLines, jsonLines } from "./export-format";
import { redact } from "./redact";

/** An audit row as readers get it. */
export type AuditRecord = Omit<AuditRow, "at"> & { at: Date };

/** More rows than this in one export is a filter too wide to read: the reader narrows it. */
export const AUDIT_EXPORT_MAX = 100_000;

const readable = (row: AuditRow): AuditRecord => ({ ...row, at: new Date(row.at) });

/**
 * The audit trail: who did what to which target, and whether it was allowed. Each row is chained
 * to the one before by its hash, so `verify` finds an edited, removed or re-linked row.
 */
export function createAudit(repo: AuditRepository, clock: () => number) {
  return {
    /** Appends one row (secrets in `detail` redacted, its size capped) and returns it as stored. */
    record(entry: AuditEntry): AuditRecord {
      const e = auditEntrySchema.parse(entry);
      const fields = {
        at: new Date(clock()).toISOString(),
        actorKind: e.actor.kind,
        actorId: e.actor.id ?? null,
        // "anonymous" and "system" are their own names; a key or a person without a name shows its id.
        actorName: e.actor.name ?? e.actor.id ?? e.actor.kind,
        role: e.role ?? null,
        action: e.action,
        targetType: e.target?.type ?? null,
        targetId: e.target?.id ?? null,
        outcome: e.outcome,
        detail: canonicalJson(redact(e.detail)),
        requestId: e.requestId ?? null,
        ip: e.ip ?? null,
      };
      const row = repo.append((head) => {
        const linked = { seq: (head?.seq ?? 0) + 1, ...fields, prevHash: head?.hash ?? GENESIS };
        return { ...linked, hash: hashRow(linked) };
      });
      return readable(row);
    },

    /** A page of matching rows, newest first; pass `nextCursor` back as `cursor` for the next one (null: no more). */
    list(input: AuditListInput): { rows: AuditRecord[]; nextCursor: number | null } {
      const { cursor, limit, ...filter } = auditListSchema.parse(input);
      const rows = repo.page(filter, cursor, limit + 1);
      const more = rows.length > limit;
      const shown = rows.slice(0, limit);
      return { rows: shown.map(readable), nextCursor: more ? (shown.at(-1)?.seq ?? null) : null };
    },

    /** The matching rows, oldest first, as a file a person downloads: CSV (spreadsheets) or JSON lines (exact, re-verifiable). */
    export(input: AuditExportInput): { filename: string; contentType: string; text: string } {
      const { format, ...filter } = auditExportSchema.parse(input);
      const rows = repo.count(filter);
      if (rows > AUDIT_EXPORT_MAX) throw inputError("audit.export-too-large", { rows, limit: AUDIT_EXPORT_MAX });
      const lines = format === "csv" ? csvLines(repo.each(filter)) : jsonLines(repo.each(filter));
      const day = new Date(clock()).toISOString().slice(0, 10);
      return {
        filename: `omniflow-audit-${day}.${format}`,
        contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson",
        text: [...lines].join(""),
      };
    },

    /** Checks the whole chain: `{ ok: true, rows, lastHash }`, or the first row where it breaks and why. */
    verify(): AuditVerdict {
      return verifyChain(repo.each({}));
    },
  };
}

export type Audit = ReturnType<typeof createAudit>;
