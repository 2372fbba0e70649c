import { iso, type Db } from "./db";

export type CaseWrite = {
  caseId: string;
  customerId: string;
  instanceId: string;
  nodeId: string;
  type: string;
  status: string;
  priority: number;
  subject: string;
  details: Record<string, unknown>;
  at: number;
};

/** CRM cases: one per (instance, type), written in the step's transaction. */
export function createCaseRepository(db: Db) {
  // A node that runs again in the same instance updates its case (same id, merged details).
  const upsert = db.prepare(
    `INSERT INTO "Case" (id, customerId, instanceId, nodeId, type, status, priority, subject, details, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (instanceId, type) DO UPDATE SET nodeId = excluded.nodeId, status = excluded.status, priority = excluded.priority,
     subject = excluded.subject, details = json_patch(details, excluded.details), updatedAt = excluded.updatedAt`,
  );
  return {
    upsert(c: CaseWrite): void {
      upsert.run(c.caseId, c.customerId, c.instanceId, c.nodeId, c.type, c.status, c.priority, c.subject, JSON.stringify(c.details), iso(c.at), iso(c.at));
    },
  };
}

export type CaseRepository = ReturnType<typeof createCaseRepository>;
