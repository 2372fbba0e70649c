/**
 * The engine façade: the one object the web app, the server, the CLI scripts and the tests use.
 * Headless: no React, no Next.
 */
import { newId } from "./store/ids";
import type { ChannelAdapter, InboundMessage, OutboundMessage, RawRequest } from "./channels/channel";
import { loadChannels } from "./channels/registry"; // wiring: channels
import { createChannelRequests, type ChannelReply } from "./ingress/channel-requests"; // wiring: channels
import { crmEventBodySchema } from "./contracts/crm-events";
import { hookNameSchema, webhookBodySchema } from "./contracts/webhooks";
import type { Channel } from "./contracts/events";
import { createFlowService } from "./flows/flow-service";
import { messagePerformer, type SendFaults } from "./channels/message-performer";
import { httpPerformer } from "./http/http-performer";
import { createDispatcher } from "./runtime/dispatcher";
import { EngineInputError } from "./contracts/errors";
import { createFlowRuntime, type MessageOutcome } from "./runtime/flow-runtime";
import { createGroupCommit } from "./runtime/group-commit";
import { createVersionCache } from "./runtime/versions";
import { startCheckpoints } from "./store/checkpoint";
import { defaultDbFile, iso, openDatabase } from "./store/db";
import { createPrisma } from "./store/prisma";
import { createStepStore } from "./store/step-store";
import { createTimerPoller } from "./timers/timer-poller";
import { createInstanceService } from "./workspace/instance-service";
import { createTaskService } from "./workspace/task-service";
import { createStaffService, missingSkills } from "./workspace/staff-service";

export { EngineInputError, FlowInvalidError } from "./contracts/errors";
export type { InboundMessage, OutboundMessage } from "./channels/channel";
export type { RawRequest } from "./channels/channel"; // wiring: channels
export type { ChannelReply } from "./ingress/channel-requests"; // wiring: channels

/** A schedule missed by more than this (downtime) is skipped rather than started late. */
const SCHEDULE_GRACE_MS = 15 * 60_000;

export type EngineOptions = {
  /** SQLite file; defaults to OMNIFLOW_DB or data/omniflow.db. */
  dbFile?: string;
  /** The engine clock (ms). Tests pass a fake one to fast-forward timers. */
  clock?: () => number;
  /** Extra or replacement channel adapters (by name; the configured ones, engine/contracts/channels.ts, are built in). */
  channels?: ChannelAdapter[];
  /** Run the outbox dispatcher, timer poller and WAL checkpoints in the background (default true). */
  background?: boolean;
  faults?: SendFaults;
};

/**
 * Opens the database (migrating it) and wires the engine. Nothing is loaded eagerly: instances
 * are read when their next event or timer arrives.
 * @example
 * const engine = await createEngine({ dbFile: "data/omniflow.db" });
 * await engine.receive("webchat", { visitorId: "v1", messageId: "m1", text: "hours?" });
 */
export function createEngine(options: EngineOptions = {}) {
  const dbFile = options.dbFile ?? defaultDbFile();
  const clock = options.clock ?? Date.now;
  const db = openDatabase(dbFile);
  const prisma = createPrisma(dbFile);
  const listeners = new Set<(m: OutboundMessage) => void>();
  const channels = loadChannels({}, { delivered: (m) => listeners.forEach((l) => l(m)) }); // wiring: channels
  for (const adapter of options.channels ?? []) channels.set(adapter.channel, adapter);

  const store = createStepStore(db);
  const versions = createVersionCache(db);
  const runtime = createFlowRuntime(store, versions);
  const background = options.background ?? true;
  const commits = createGroupCommit(db, { afterCommit: () => background && void dispatcher.kick() });
  const performers = { "message.send": messagePerformer(channels, options.faults), "http.request": httpPerformer() };
  const dispatcher = createDispatcher(db, performers, clock, (outcome) => commits.submit(() => runtime.settleEffect(outcome, clock())));
  const timerFailed = db.prepare(`UPDATE "Timer" SET status = 'failed' WHERE id = ? AND status = 'pending'`);
  const timers = createTimerPoller(store, clock, (timer) =>
    commits.submit(() => runtime.fireTimer(timer, clock())).catch((error) => {
      console.error(`timer ${timer.id} failed`, error);
      return commits.submit(() => timerFailed.run(timer.id));
    }),
  );
  const stopCheckpoints = background ? startCheckpoints(db) : () => {};
  // The dispatcher also runs on a beat: retries fall due, and a crash may have left rows behind.
  const dispatchBeat = background ? setInterval(() => void dispatcher.kick(), 1000).unref() : null;
  const scheduleBeat = background
    ? setInterval(() => void commits.submit(() => runtime.firePolledTriggers(clock(), SCHEDULE_GRACE_MS)).catch((e) => console.error("schedules failed", e)), 15_000).unref()
    : null;
  if (background) {
    timers.start();
    void dispatcher.kick();
  }

  const flows = createFlowService(db, prisma, clock, () => versions.invalidate());
  const staff = createStaffService(prisma);
  const tasks = createTaskService(db, prisma, staff);
  const instances = createInstanceService(prisma);
  const insertMessage = store.statements.messageInsert;
  const insertOutbox = store.statements.outboxInsert;
  // wiring: channels — intake.message is today's ingest; delivery statuses have nowhere to go yet
  // (no installed channel reports any): the intake reshaping applies them.
  const channelRequests = createChannelRequests({
    adapters: channels,
    intake: { message: (m) => commits.submit(() => runtime.receiveMessage(m, clock())), status: async () => {} },
  });
  const taskDone = db.prepare(`UPDATE "Task" SET status = 'completed', outcome = ?, operatorId = ?, completedAt = ? WHERE id = ? AND status = 'open'`);

  return {
    db,
    prisma,
    flows,
    tasks,
    staff,
    instances,

    /** Parses a provider payload (its JSON body) with the channel's adapter (throws zod errors naming the field). */
    parseInbound(channel: Channel, payload: unknown): InboundMessage {
      return channelRequests.parsePayload(channel, payload); // wiring: channels
    },

    /** A provider's raw request for a channel: verified, parsed, its messages ingested; resolves with the reply once committed. */
    receiveRequest(channel: string, request: RawRequest): Promise<ChannelReply> {
      return channelRequests.receive(channel, request); // wiring: channels
    },

    /** Ingests a customer message; resolves once its step is committed. */
    ingest(message: InboundMessage): Promise<MessageOutcome> {
      return commits.submit(() => runtime.receiveMessage(message, clock()));
    },

    /** A CRM event (`POST /api/events`): validated against its typed payload, then committed. */
    async receiveCrmEvent(body: unknown) {
      const event = crmEventBodySchema.parse(body);
      return commits.submit(() => runtime.receiveCrmEvent(event, clock()));
    },

    /** A call to a flow's webhook: validated against the listening triggers' declared fields. */
    async receiveWebhook(hook: string, body: unknown, idempotencyKey: string | null = null) {
      const call = { hook: hookNameSchema.parse(hook), idempotencyKey, body: webhookBodySchema.parse(body) };
      return commits.submit(() => runtime.receiveWebhook(call, clock()));
    },

    /** An operator starts a published flow (with a "Started by an operator" trigger) for a customer. */
    async startForCustomer(flowId: string, customerId: string, operatorId: string, note = "") {
      await staff.member(operatorId); // who started it goes on record, so it must be someone
      const instanceId = await commits.submit(() => runtime.startByOperator({ flowId, customerId, operatorId, note }, clock()));
      return { instanceId };
    },

    /** Published flows an operator may start from the workspace, by name. */
    async operatorStartable() {
      const ids = versions.candidates().filter((c) => c.triggers.some((t) => t.type === "trigger.operator-started")).map((c) => c.flowId);
      return prisma.flow.findMany({ where: { id: { in: ids }, deletedAt: null }, select: { id: true, name: true }, orderBy: { name: "asc" } });
    },

    /** Parse + ingest in one call. */
    async receive(channel: Channel, payload: unknown): Promise<MessageOutcome> {
      return this.ingest(this.parseInbound(channel, payload));
    },

    /** An operator completes a task with one of its outcomes; the parked instance resumes. */
    async completeTask(taskId: string, outcome: string, operatorId: string | null = null) {
      const task = await tasks.get(taskId);
      if (task.status === "cancelled") throw new EngineInputError("this task was cancelled: the flow no longer waits for it", "taskId");
      // A person must have the task's skills (supervisors may take anything); null is the system or an API client.
      if (operatorId !== null) {
        const who = await staff.member(operatorId);
        const missing = missingSkills(who, task.skills);
        if (missing.length) throw new EngineInputError(`${who.name} lacks the skills this task needs: ${missing.join(", ")}`, "operatorId");
      }
      if (!task.outcomes.includes(outcome)) throw new EngineInputError(`"${outcome}" is not an outcome of this task (${task.outcomes.join(", ")})`, "outcome");
      await commits.submit(() => {
        if (taskDone.run(outcome, operatorId, iso(clock()), taskId).changes === 0) throw new EngineInputError("this task is already completed", "taskId");
        runtime.completeTask({ id: taskId, instanceId: task.instanceId, nodeId: null }, outcome, clock());
      });
    },

    /** An operator writes to the customer of a task; the message leaves through the outbox. */
    async replyToTask(taskId: string, text: string) {
      const task = await tasks.get(taskId);
      if (task.status === "cancelled") throw new EngineInputError("this task was cancelled: the flow no longer waits for it, so nothing is sent", "taskId");
      if (!task.conversation || !task.customer) throw new EngineInputError("this task has no conversation to reply in", "taskId");
      const identity = task.customer.identities.find((i) => i.channel === task.conversation!.channel);
      if (!identity) throw new EngineInputError("the customer has no address on this channel", "taskId");
      const conversationId = task.conversation.id;
      const channel = task.conversation.channel as Channel;
      await commits.submit(() => {
        const at = iso(clock());
        const messageId = newId();
        insertMessage.run(messageId, conversationId, "out", "operator", text, null, "queued", at);
        const payload = { messageId, conversationId, channel, address: identity.address, text };
        insertOutbox.run(`reply:${messageId}`, task.instanceId, "message.send", JSON.stringify(payload), at);
      });
    },

    /** Messages of a channel address's latest conversation, as the customer sees them (delivered only). */
    async conversationFor(channel: Channel, address: string) {
      const conversation = await prisma.conversation.findFirst({ where: { channel, address }, orderBy: { createdAt: "desc" } });
      if (!conversation) return { conversationId: null, messages: [] };
      const messages = await prisma.message.findMany({
        where: { conversationId: conversation.id, OR: [{ direction: "in" }, { status: "sent" }] },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return { conversationId: conversation.id, messages: messages.map((m) => ({ id: m.id, direction: m.direction, author: m.author, text: m.text, buttons: m.buttons ? (JSON.parse(m.buttons) as string[]) : [], createdAt: m.createdAt })) };
    },

    /** Subscribes to messages as channels deliver them (for live views). */
    onDelivered(listener: (m: OutboundMessage) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Starts flows whose schedule is due (the background beat does this every 15 s). */
    fireSchedules: () => commits.submit(() => runtime.firePolledTriggers(clock(), SCHEDULE_GRACE_MS)),
    /** Fires due timers now (tests and CLI; the background poller does this every 500 ms). */
    fireDueTimers: () => timers.tick(),
    /** Sends what the outbox holds now; resolves when it is empty. */
    dispatch: () => dispatcher.kick(),

    async close() {
      timers.stop();
      stopCheckpoints();
      if (dispatchBeat) clearInterval(dispatchBeat);
      if (scheduleBeat) clearInterval(scheduleBeat);
      await dispatcher.kick();
      await prisma.$disconnect();
      db.close();
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
