import * as z from "zod";
import { CASE_STATUSES, type CaseStatus, TASK_PRIORITIES } from "../contracts/events";
import { defineEffect, effectSchema } from "./define-effect";

/** A case's status as the Russian line names it. */
const RU_STATUSES: Record<CaseStatus, string> = { open: "открыто", pending: "в ожидании", resolved: "решено", closed: "закрыто" };

/** A CRM case, one per (instance, type): a second pass updates it and merges its details. */
export const caseUpsert = defineEffect({
  kind: "case.upsert",
  schema: effectSchema("case.upsert", {
    caseId: z.string(),
    type: z.string(),
    status: z.enum(CASE_STATUSES),
    priority: z.enum(TASK_PRIORITIES),
    subject: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
  write(effect, step) {
    if (!step.customerId) return; // a case is always about someone
    const { caseId, nodeId, type, status, subject, details } = effect;
    step.repos.cases.upsert({
      caseId,
      customerId: step.customerId,
      instanceId: step.instanceId,
      nodeId,
      type,
      status,
      priority: TASK_PRIORITIES.indexOf(effect.priority),
      subject,
      details,
      at: step.at,
    });
  },
  simulate: () => {},
  describe: (effect, { locale }) =>
    locale === "ru"
      ? `Обращение типа ${effect.type} (${RU_STATUSES[effect.status]}): ${effect.subject}`
      : `Case ${effect.type} (${effect.status}): ${effect.subject}`,
});
