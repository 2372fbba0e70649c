import * as z from "zod";

/** Who did it: a signed-in person, a machine with an API key, nobody signed in, or the engine itself. */
export const AUDIT_ACTOR_KINDS = ["user", "apiKey", "anonymous", "system"] as const;
export const AUDIT_OUTCOMES = ["ok", "denied", "failed"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * One audit record as its writer hands it in (the tRPC policy middleware, sign-in hooks, machine APIs).
 * `detail` is the input or diff: the audit service redacts secrets and caps its size before storing it.
 * @example { actor: { kind: "user", id: "u1", name: "Ann" }, role: "admin", action: "flows.publish",
 *            target: { type: "flow", id: "f1" }, outcome: "ok", detail: input, requestId, ip }
 */
export const auditEntrySchema = z.object({
  actor: z.object({ kind: z.enum(AUDIT_ACTOR_KINDS), id: text(200).optional(), name: text(200).optional() }),
  role: text(50).optional(),
  /** `area.verb` words: a tRPC path (`flows.publish`) or an event (`auth.sign-in-failed`). */
  action: z
    .string()
    .max(100)
    .regex(/^[A-Za-z][\w-]*(\.[\w-]+)*$/, "an action is dot-separated words, e.g. flows.publish"),
  target: z.object({ type: text(50), id: text(200) }).optional(),
  outcome: z.enum(AUDIT_OUTCOMES),
  detail: z.unknown().optional(),
  requestId: text(100).optional(),
  ip: text(64).optional(),
});
export type AuditEntry = z.input<typeof auditEntrySchema>;

/** Which rows a reader wants; every part is optional and they combine with AND. `to` is exclusive. */
export const auditFilterSchema = z.object({
  /** an actor id, or part of an actor's name */
  actor: text(200).optional(),
  /** an action or its prefix: `flows` matches `flows.publish` */
  action: text(100).optional(),
  targetType: text(50).optional(),
  targetId: text(200).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const AUDIT_PAGE_MAX = 200;

/** A page of rows, newest first; `cursor` is the `nextCursor` of the page before. */
export const auditListSchema = auditFilterSchema.extend({
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
});
export type AuditListInput = z.input<typeof auditListSchema>;

export const AUDIT_EXPORT_FORMATS = ["jsonl", "csv"] as const;
export const auditExportSchema = auditFilterSchema.extend({ format: z.enum(AUDIT_EXPORT_FORMATS).default("csv") });
export type AuditExportInput = z.input<typeof auditExportSchema>;

/**
 * Why the chain does not hold at `firstBadSeq`: a row is `missing` (a gap in the numbers), `altered`
 * (its fields no longer give its hash) or `relinked` (it does not point at the row before it).
 */
export type AuditBreak = "missing" | "altered" | "relinked";
export type AuditVerdict = { ok: true; rows: number; lastHash: string | null } | { ok: false; firstBadSeq: number; reason: AuditBreak };
