import { createHash } from "node:crypto";
import type { AuditVerdict } from "../contracts/audit";
import type { AuditRow } from "../store/audit";
import { canonicalJson } from "./canonical";

/** The link the first row points at. */
export const GENESIS = "0".repeat(64);

/** sha256 of the row's fields (canonical JSON, `prevHash` included); `hash` itself is left out. */
export function hashRow(row: Omit<AuditRow, "hash">): string {
  const { seq, at, actorKind, actorId, actorName, role, action, targetType, targetId, outcome, detail, requestId, ip, prevHash } = row;
  const fields = { seq, at, actorKind, actorId, actorName, role, action, targetType, targetId, outcome, detail, requestId, ip, prevHash };
  return createHash("sha256").update(canonicalJson(fields)).digest("hex");
}

/**
 * Walks the trail oldest first and names the first row where the chain does not hold: a gap in
 * the numbers (a removed row), a row that does not point at the one before (re-linked), or a row
 * whose fields no longer give its hash (edited). Removing the newest rows leaves no gap: compare
 * `lastHash` with one kept elsewhere to see that.
 */
export function verifyChain(rows: Iterable<AuditRow>): AuditVerdict {
  let count = 0;
  let prev: AuditRow | null = null;
  for (const row of rows) {
    const expectedSeq = (prev?.seq ?? 0) + 1;
    if (row.seq !== expectedSeq) return { ok: false, firstBadSeq: expectedSeq, reason: "missing" };
    if (row.prevHash !== (prev?.hash ?? GENESIS)) return { ok: false, firstBadSeq: row.seq, reason: "relinked" };
    if (hashRow(row) !== row.hash) return { ok: false, firstBadSeq: row.seq, reason: "altered" };
    prev = row;
    count++;
  }
  return { ok: true, rows: count, lastHash: prev?.hash ?? null };
}
