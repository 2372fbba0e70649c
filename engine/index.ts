/**
 * The engine façade: the one object the server, the web app, the CLI scripts and the tests use.
 * Wiring only: each capability lives in its folder (see README.md). Headless: no React, no Next.
 */
import type { ChannelAdapter, InboundMessage, OutboundMessage, RawRequest } from "./channels/channel";
import { loadChannels } from "./channels/registry";
import type { Channel } from "./contracts/events";
import type { FlowTemplate } from "./contracts/templates";
import type { PerformDeps } from "./effects/define-effect";
import { createFlowService } from "./flows/flow-service";
import { createInstanceService } from "./flows/instance-service";
import { createChannelRequests, type ChannelReply } from "./ingress/channel-requests";
import { createDoors } from "./ingress/doors";
import { createIntake, type MessageOutcome } from "./ingress/intake";
import { every, startJobs, type BackgroundJob } from "./jobs/background";
import { createCustomerDirectory } from "./privacy/customers";
import { createPrivacy } from "./privacy/privacy";
import { createRetention } from "./privacy/retention";
import { createSettings } from "./privacy/settings";
import { createTimerPoller } from "./jobs/timer-poller";
import { createStaff } from "./routing/staff";
import { createTasks } from "./routing/tasks";
import { createDispatcher } from "./runtime/dispatcher";
import { createFlowRuntime } from "./runtime/flow-runtime";
import { createGroupCommit } from "./runtime/group-commit";
import { createVersionCache } from "./runtime/versions";
import { openStore } from "./store/index";
import { newId } from "./store/ids";

export { type EngineErrorCode, type ErrorParams, errorText } from "./contracts/error-texts";
export { EngineInputError, FlowInvalidError } from "./contracts/errors";
export type { InboundMessage, OutboundMessage, RawRequest } from "./channels/channel";
export type { ChannelReply } from "./ingress/channel-requests";
export type { MessageOutcome } from "./ingress/intake";

export type EngineOptions = {
  /** SQLite file; defaults to OMNIFLOW_DB or data/omniflow.db. */
  dbFile?: string;
  /** The engine clock (ms). Tests pass a fake one to fast-forward timers. */
  clock?: () => number;
  /** Extra or replacement channel adapters, by name (the configured ones, engine/contracts/channels.ts, are built in). */
  channels?: ChannelAdapter[];
  /** Run the background jobs (outbox dispatcher, timers, schedules, WAL checkpoints; default true). */
  background?: boolean;
  /** Fault injection for tests (see PerformDeps). */
  faults?: Pick<PerformDeps, "afterSend">;
  /** The template gallery (templates/catalog.ts in the app). */
  templates?: readonly FlowTemplate[];
};

/**
 * Opens the database (migrating it) and wires the engine. Nothing is loaded eagerly: instances
 * are read when their next event or timer arrives.
 * @example
 * const engine = createEngine({ dbFile: "data/omniflow.db" });
 * await engine.receive("webchat", { visitorId: "v1", messageId: "m1", text: "hours?" });
 */
export function createEngine(options: EngineOptions = {}) {
  const clock = options.clock ?? Date.now;
  const background = options.background ?? true;
  const store = openStore(options.dbFile);
  const listeners = new Set<(m: OutboundMessage) => void>();
  const channels = loadChannels({}, { delivered: (m) => listeners.forEach((l) => l(m)) });
  for (const adapter of options.channels ?? []) channels.set(adapter.channel, adapter);

  const versions = createVersionCache(store.flows);
  const runtime = createFlowRuntime(store, versions);
  const intake = createIntake(store, runtime);
  const commits = createGroupCommit(store.transaction, { afterCommit: () => background && void dispatcher.kick() });
  const performDeps: PerformDeps = { channel: (name) => channels.get(name as Channel), fetch: (...args) => fetch(...args), ...options.faults };
  const dispatcher = createDispatcher(store.outbox, performDeps, clock, (outcome) => commits.submit(() => runtime.settleEffect(outcome, clock())));
  const staff = createStaff(store.staff, clock);
  const doors = createDoors(intake, commits, clock, staff.member);
  const timers = createTimerPoller(store.timers, clock, doors.timerDue);
  const tasks = createTasks(store, staff, commits, runtime, clock);
  const flows = createFlowService(store.flows, { templates: options.templates ?? [], published: versions }, clock);
  const settings = createSettings(store.settings, clock);
  const privacy = createPrivacy(store, clock);
  const retention = createRetention(store, settings, clock);

  const jobs: BackgroundJob[] = [
    every("timers", 500, timers.tick),
    // The dispatcher also runs on a beat: retries fall due, and a crash may have left rows behind.
    every("dispatcher", 1000, dispatcher.kick),
    every("schedules", 15_000, doors.schedulesDue),
    { name: "checkpoints", start: store.startCheckpoints },
    every("retention", 3_600_000, retention.apply),
  ];
  const stopJobs = background ? startJobs(jobs) : () => {};
  if (background) void dispatcher.kick();

  const channelRequests = createChannelRequests({
    adapters: channels,
    intake: { message: doors.message, status: doors.deliveryStatus },
  });
  /** Parses a provider payload (its JSON body) with the channel's adapter (throws zod errors naming the field). */
  const parseInbound = (channel: Channel, payload: unknown): InboundMessage => channelRequests.parsePayload(channel, payload);

  return {
    /** The database file (tests and tools open their own connections to it; the engine's stays inside). */
    dbFile: store.file,
    flows,
    instances: createInstanceService(store.instances, store.customers),
    tasks,
    staff,
    parseInbound,
    /** Ingests a customer message; resolves once its step is committed. */
    ingest: doors.message,

    /** A provider's raw request to a channel: verified, parsed, its messages and statuses committed; resolves with the reply. */
    receiveRequest: (channel: string, request: RawRequest): Promise<ChannelReply> => channelRequests.receive(channel, request),

    /** Parse + ingest in one call (in-process callers: the app's chat panel, tests). */
    receive: (channel: Channel, payload: unknown): Promise<MessageOutcome> => doors.message(parseInbound(channel, payload)),

    /** A CRM event (`POST /api/events`): validated against its typed payload, then committed. */
    receiveCrmEvent: doors.crmEvent,
    /** A call to a flow's webhook: validated against the listening triggers' declared fields. */
    receiveWebhook: doors.webhook,
    /** An operator starts a published flow (with a "Started by an operator" trigger) for a customer. */
    startForCustomer: doors.operatorStart,
    /** Published flows an operator may start from the workspace, by name. */
    operatorStartable: () => flows.operatorStartable(),

    /** Customers the engine holds data about: search (paged) and one customer's profile with counts. */
    customers: createCustomerDirectory(store.customers),
    /** A customer's personal data: `exportCustomer(id)` (one JSON document), `eraseCustomer(id, confirmation)`. */
    privacy: {
      ...privacy,
      /** Applies the retention setting now (the background job does it every hour). */
      applyRetention: retention.apply,
    },
    /** Typed settings (`get(key)`, `set(key, value)`), validated by engine/contracts/settings.ts. */
    settings,

    completeTask: tasks.complete,
    replyToTask: tasks.reply,

    /** Messages of a channel address's latest conversation, as the customer sees them (delivered only). */
    conversationFor: (channel: Channel, address: string) => store.conversations.customerView(channel, address),

    /** Subscribes to messages as channels deliver them (for live views). */
    onDelivered(listener: (m: OutboundMessage) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** A fresh id for a message typed in the app (the chat panel has no provider to name it). */
    newMessageId: newId,

    /** Starts flows whose schedule is due (the background job does this every 15 s). */
    fireSchedules: doors.schedulesDue,
    /** Fires due timers now (tests and CLI; the background job does this every 500 ms). */
    fireDueTimers: () => timers.tick(),
    /** Sends what the outbox holds now; resolves when it is empty. */
    dispatch: () => dispatcher.kick(),

    async close() {
      stopJobs();
      await dispatcher.kick();
      await store.close();
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
