import { z } from "zod";
import { TASK_PRIORITIES, type CaseStatus } from "../contracts/events";
import type { Db } from "../store/db";
import type { PrismaClient } from "../store/prisma";
import { customerNames } from "./customer-names";
import { EngineInputError } from "../contracts/errors";
import { parseSkills, type StaffService } from "./staff-service";

export type TaskStep = { text: string; done: boolean };

/** A task row's stored priority index and SLA deadline, as operators read them. */
const urgency = (t: { priority: number; dueAt: bigint | null }) => ({
  priority: TASK_PRIORITIES[t.priority] ?? "normal",
  slaDueAt: t.dueAt === null ? null : new Date(Number(t.dueAt)),
});

/** A stored JSON object column (Customer.fields, Case.details); anything else reads as empty. */
function jsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The customer's custom fields; values other than text, numbers and yes/no are not shown. */
function customFields(text: string): Record<string, string | number | boolean> {
  return Object.fromEntries(Object.entries(jsonObject(text)).filter(([, v]) => ["string", "number", "boolean"].includes(typeof v))) as Record<string, string | number | boolean>;
}

/** How many of the customer's latest messages a task shows. */
const TIMELINE_LENGTH = 200;

/** Cases an operator should know about while helping the customer. */
const ACTIVE_CASES: CaseStatus[] = ["open", "pending"];

/** What an operator sees and does: the queue, a task with its customer, replies, steps. */
export function createTaskService(db: Db, prisma: PrismaClient, staff: StaffService) {
  const setSteps = db.prepare(`UPDATE "Task" SET steps = ? WHERE id = ? AND status = 'open'`);
  const getSteps = db.prepare(`SELECT steps, status FROM "Task" WHERE id = ?`);
  const toggle = db.transaction((taskId: string, index: number, done: boolean) => {
    const row = getSteps.get(taskId) as { steps: string; status: string } | undefined;
    if (!row) throw new EngineInputError(`task ${taskId} not found`, "taskId");
    if (row.status !== "open") throw new EngineInputError(`this task is ${row.status === "cancelled" ? "cancelled" : "already completed"}`, "taskId");
    const steps = JSON.parse(row.steps) as TaskStep[];
    if (!steps[index]) throw new EngineInputError(`task has no step ${index + 1}`, "index");
    steps[index] = { ...steps[index], done };
    setSteps.run(JSON.stringify(steps), taskId);
    return steps;
  });

  // A queue page: tasks none of whose required skills the viewer lacks (all when the first parameter is 1).
  // Open work: most urgent first, then oldest first; finished work (cancelled included): newest first.
  const fits = `(? = 1 OR NOT EXISTS (SELECT 1 FROM json_each(t.skills) need WHERE need.value NOT IN (SELECT value FROM json_each(?))))`;
  const queuePage = {
    open: db.prepare(`SELECT id FROM "Task" t WHERE status = 'open' AND ${fits} ORDER BY priority DESC, createdAt ASC LIMIT 200`),
    completed: db.prepare(`SELECT id FROM "Task" t WHERE status IN ('completed', 'cancelled') AND ${fits} ORDER BY createdAt DESC LIMIT 200`),
  };

  async function requireTask(id: string) {
    const task = await prisma.task.findUnique({ where: { id }, include: { queue: true } });
    if (!task) throw new EngineInputError(`task ${id} not found`, "taskId");
    return task;
  }

  return {
    requireTask,

    /** The queue as `operatorId` sees it: only tasks they have every skill for (supervisors: all). */
    async list(filter: { status: "open" | "completed"; operatorId?: string }) {
      const who = filter.operatorId ? await staff.member(filter.operatorId) : null;
      const seesAll = !who || who.role === "supervisor" ? 1 : 0;
      // The skill match is part of the query, so the 200 shown are the most urgent this person can take.
      const ids = (queuePage[filter.status].all(seesAll, JSON.stringify(who?.skills ?? [])) as { id: string }[]).map((r) => r.id);
      const rows = await prisma.task.findMany({ where: { id: { in: ids } }, include: { queue: { select: { name: true } } } });
      const byId = new Map(rows.map((t) => [t.id, t]));
      const tasks = ids.flatMap((id) => byId.get(id) ?? []);
      const nameOf = await customerNames(prisma, tasks);
      return tasks.map((t) => ({
        id: t.id,
        title: t.title,
        queue: t.queue.name,
        status: t.status,
        outcome: t.outcome,
        ...urgency(t),
        customerName: nameOf(t.customerId),
        skills: parseSkills(t.skills),
        escalations: t.escalations,
        createdAt: t.createdAt,
      }));
    },

    async get(id: string) {
      const task = await requireTask(id);
      const customer = task.customerId
        ? await prisma.customer.findUnique({
            where: { id: task.customerId },
            include: {
              identities: { select: { channel: true, address: true } },
              cases: { where: { status: { in: ACTIVE_CASES } }, orderBy: { updatedAt: "desc" }, take: 10 },
            },
          })
        : null;
      // One timeline per customer: every channel they wrote on, not only this task's conversation (the latest 200).
      const latest = await prisma.message.findMany({
        where: task.customerId ? { conversation: { customerId: task.customerId } } : { conversationId: task.conversationId ?? "" },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: TIMELINE_LENGTH,
        include: { conversation: { select: { channel: true } } },
      });
      const messages = latest.reverse();
      const conversation = task.conversationId ? await prisma.conversation.findUnique({ where: { id: task.conversationId } }) : null;
      return {
        id: task.id,
        title: task.title,
        queue: task.queue.name,
        status: task.status,
        outcome: task.outcome,
        ...urgency(task),
        skills: parseSkills(task.skills),
        escalations: task.escalations,
        instanceId: task.instanceId,
        createdAt: task.createdAt,
        steps: z.array(z.object({ text: z.string(), done: z.boolean() })).parse(JSON.parse(task.steps)),
        outcomes: z.array(z.string()).parse(JSON.parse(task.outcomes)),
        customer: customer && {
          id: customer.id,
          name: customer.name,
          identities: customer.identities,
          createdAt: customer.createdAt,
          fields: customFields(customer.fields),
          cases: customer.cases.map((c) => ({
            id: c.id,
            type: c.type,
            status: c.status,
            priority: TASK_PRIORITIES[c.priority] ?? "normal",
            subject: c.subject,
            details: jsonObject(c.details),
            updatedAt: c.updatedAt,
          })),
        },
        conversation: conversation && { id: conversation.id, channel: conversation.channel },
        messages: messages.map((m) => ({ id: m.id, direction: m.direction, author: m.author, text: m.text, status: m.status, channel: m.conversation.channel, createdAt: m.createdAt })),
      };
    },

    toggleStep(taskId: string, index: number, done: boolean): TaskStep[] {
      return toggle(taskId, index, done);
    },
  };
}
