import * as z from "zod";
import { CASE_STATUSES, TASK_PRIORITIES, type CaseStatus, type Channel } from "../contracts/events";
import { inputError } from "../contracts/errors";
import { knownAs, shownIdentities } from "../contracts/identity";
import type { Store } from "../store/index";
import { parseSkills, takesAnyTask, type Staff, type StaffMember } from "./staff";
import type { TaskCommits } from "./task-commands";

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
  return Object.fromEntries(Object.entries(jsonObject(text)).filter(([, v]) => ["string", "number", "boolean"].includes(typeof v))) as Record<
    string,
    string | number | boolean
  >;
}

/** How many of the customer's latest messages a task shows. */
const TIMELINE_LENGTH = 200;

/** Cases an operator should know about while helping the customer. */
const ACTIVE_CASES: CaseStatus[] = CASE_STATUSES.filter((s) => s === "open" || s === "pending");

const stepList = z.array(z.object({ text: z.string(), done: z.boolean() }));

/**
 * Operator work: the queue as each person may take it, a task with its customer and timeline,
 * guided steps, replies to the customer and completions that resume the flow.
 */
export function createTasks(store: Store, staff: Staff, commits: TaskCommits) {
  const { tasks, customers, conversations } = store;
  const toggle = store.transaction((taskId: string, index: number, done: boolean) => {
    const row = tasks.stepsOf(taskId);
    if (!row) throw inputError("task.not-found", { taskId }, "taskId");
    if (row.status !== "open") throw inputError(row.status === "cancelled" ? "task.cancelled-steps" : "task.completed", {}, "taskId");
    const steps = stepList.parse(JSON.parse(row.steps));
    if (!steps[index]) throw inputError("task.no-step", { step: index + 1 }, "index");
    steps[index] = { ...steps[index], done };
    tasks.setSteps(taskId, steps);
    return steps;
  });

  async function requireTask(id: string) {
    const task = await tasks.get(id);
    if (!task) throw inputError("task.not-found", { taskId: id }, "taskId");
    return task;
  }

  /** The task's skills this person lacks (none for those who take any task). */
  const lackingSkills = (who: StaffMember, taskId: string) => (takesAnyTask(who) ? [] : tasks.lackingSkills(taskId, who.skills));

  /**
   * A person sees and works only the tasks they may take: every skill the task asks for (supervisors
   * and admins: any). Null is the system or an API client, which may act on any task.
   */
  async function mustTake(operatorId: string | null, taskId: string): Promise<void> {
    if (operatorId === null) return;
    const who = await staff.member(operatorId);
    const missing = lackingSkills(who, taskId);
    if (missing.length) throw inputError("task.skills-missing", { name: who.name, skills: missing.join(", ") }, "operatorId");
  }

  /** What people call the customers the rows refer to (their names, else an e-mail or phone), in one query. */
  async function customerNames(rows: { customerId: string | null }[]) {
    const names = await customers.knownAs(rows.flatMap((r) => r.customerId ?? []));
    return (customerId: string | null) => (customerId ? (names.get(customerId) ?? null) : null);
  }

  /** A task with its customer's card and timeline; a viewer who may not take it is refused. */
  async function get(id: string, viewerId: string | null = null) {
    const task = await requireTask(id);
    await mustTake(viewerId, id);
    const customer = task.customerId ? await customers.card(task.customerId, ACTIVE_CASES) : null;
    // One timeline per customer: every channel they wrote on, not only this task's conversation (the latest 200).
    const latest = await conversations.timeline(
      task.customerId ? { customerId: task.customerId } : { conversationId: task.conversationId ?? "" },
      TIMELINE_LENGTH,
    );
    const conversation = task.conversationId ? await conversations.get(task.conversationId) : null;
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
      steps: stepList.parse(JSON.parse(task.steps)),
      outcomes: z.array(z.string()).parse(JSON.parse(task.outcomes)),
      customer: customer && {
        id: customer.id,
        name: customer.name,
        knownAs: knownAs(customer),
        identities: shownIdentities(customer.identities),
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
      messages: latest.reverse().map((m) => ({
        id: m.id,
        direction: m.direction,
        author: m.author,
        text: m.text,
        status: m.status,
        channel: m.conversation.channel,
        createdAt: m.createdAt,
      })),
    };
  }

  return {
    requireTask,
    get,

    /** The queue as `operatorId` sees it: only tasks they have every skill for (supervisors: all). */
    async list(filter: { status: "open" | "completed"; operatorId?: string }) {
      const who = filter.operatorId ? await staff.member(filter.operatorId) : null;
      // The skill match is part of the query, so the 200 shown are the most urgent this person can take.
      const ids = tasks.pageIds(filter.status, !who || takesAnyTask(who), who?.skills ?? []);
      const byId = new Map((await tasks.withQueues(ids)).map((t) => [t.id, t]));
      const rows = ids.flatMap((id) => byId.get(id) ?? []);
      const [nameOf, channels] = await Promise.all([customerNames(rows), conversations.channels(rows.flatMap((r) => r.conversationId ?? []))]);
      return rows.map((t) => ({
        id: t.id,
        title: t.title,
        queue: t.queue.name,
        status: t.status,
        outcome: t.outcome,
        ...urgency(t),
        customerName: nameOf(t.customerId),
        /** Where the customer is waiting: the channel of the task's conversation (null for a task without one). */
        channel: t.conversationId ? (channels.get(t.conversationId) ?? null) : null,
        skills: parseSkills(t.skills),
        escalations: t.escalations,
        createdAt: t.createdAt,
      }));
    },

    async toggleStep(taskId: string, index: number, done: boolean, operatorId: string | null = null): Promise<TaskStep[]> {
      await mustTake(operatorId, taskId);
      return toggle(taskId, index, done);
    },

    /** An operator completes a task with one of its outcomes; the parked instance resumes in the same transaction. */
    async complete(taskId: string, outcome: string, operatorId: string | null = null) {
      const task = await requireTask(taskId);
      if (task.status === "cancelled") throw inputError("task.cancelled", {}, "taskId");
      await mustTake(operatorId, taskId);
      const outcomes = z.array(z.string()).parse(JSON.parse(task.outcomes));
      if (!outcomes.includes(outcome)) throw inputError("task.outcome-unknown", { outcome, outcomes: outcomes.join(", ") }, "outcome");
      await commits.completeTask({ taskId, outcome, operatorId, instanceId: task.instanceId });
    },

    /** An operator writes to the customer of a task; the message leaves through the outbox like a flow's. */
    async reply(taskId: string, text: string, operatorId: string | null = null) {
      const task = await get(taskId, operatorId);
      if (task.status === "cancelled") throw inputError("task.cancelled-reply", {}, "taskId");
      // The flow went on when the task was completed (a thank-you, a survey, its end): a late reply would cut across it.
      if (task.status === "completed") throw inputError("task.completed-reply", {}, "taskId");
      if (!task.conversation || !task.customer) throw inputError("task.no-conversation", {}, "taskId");
      const identity = task.customer.identities.find((i) => i.channel === task.conversation!.channel);
      if (!identity) throw inputError("task.no-address", {}, "taskId");
      const channel = task.conversation.channel as Channel;
      await commits.operatorReply({ instanceId: task.instanceId, conversationId: task.conversation.id, channel, address: identity.address, text });
    },
  };
}

export type Tasks = ReturnType<typeof createTasks>;
