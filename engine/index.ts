/**
 * The engine façade: the one object the server, the web app, the CLI scripts and the tests use.
 * Wiring only: each capability lives in its folder (see README.md). Headless: no React, no Next.
 */
import { createApiKeys, type SignedRequest } from "./access/api-keys";
import { createSignIn } from "./access/sign-in";
import { createVisitorTokens } from "./access/visitor-tokens";
import { createAudit } from "./audit/audit-service";
import type { ChannelAdapter, InboundMessage, OutboundMessage, RawRequest } from "./channels/channel";
import { DELIVERED_ON_COMMIT } from "./contracts/channels";
import type { Committed, WrittenRow } from "./store/outbox";
import { importFakeModule, installedChannels } from "./channels/registry";
import { advanceFeed, createFeedWatchers, feedCursorSchema, formatCursor } from "./channels/webchat/feed";
import { createChannelSetup } from "./channel-setup/setup";
import { createSandbox } from "./channel-setup/sandbox";
import { createChannelTests } from "./channel-setup/test-send";
import type { Channel } from "./contracts/events";
import { credentialHeaders } from "./credentials/apply";
import { createCredentialService } from "./credentials/credential-service";
import { unlockSecrets } from "./credentials/key-check";
import type { FlowTemplate } from "./contracts/templates";
import type { EffectOutcome, PerformDeps } from "./effects/define-effect";
import type { OutboundPayload } from "./effects/message-send";
import { createFlowService } from "./flows/flow-service";
import { createInstanceService } from "./flows/instance-service";
import { createReplayService } from "./flows/replay-service";
import { loadSecretKey } from "./credentials/secret-key";
import { createChannelRequests, type ChannelReply } from "./ingress/channel-requests";
import { createDoors } from "./writer/doors";
import type { MessageOutcome } from "./ingress/intake";
import { createCsvImport } from "./customers/csv-import";
import { forgetReadPhones } from "./customers/identity-key";
import { createMerges } from "./customers/merges";
import { createTimeline } from "./customers/timeline";
import { every, startJobs, type BackgroundJob } from "./jobs/background";
import { createCustomerDirectory } from "./privacy/customers";
import { createPrivacy } from "./privacy/privacy";
import { createRetention } from "./privacy/retention";
import { createTimerPoller } from "./jobs/timer-poller";
import { createStaff } from "./routing/staff";
import { createAddressPolicy } from "./outbound/allow-list";
import { createHostCheck, createOutboundClient, type OutboundOptions } from "./outbound/client";
import { createTasks } from "./routing/tasks";
import { createDispatcher, type DispatcherLimits } from "./runtime/dispatcher";
import { createInstanceMigration } from "./runtime/instance-migration";
import { type InstanceLimitsInput, instanceLimitsSchema } from "./runtime/instance-limits";
import { createGroupCommit, type GroupCommitOptions } from "./runtime/group-commit";
import { createDurableFence, newFenceBuffer } from "./store/durable-fence";
import { openStore } from "./store/index";
import { wireWriter } from "./writer/wiring";
import { createInlineWriter } from "./writer/inline";
import { startWriterThread } from "./writer/thread";
import { newId } from "./store/ids";
import { mergeIdSchema, mergeSuggestionIdSchema } from "./contracts/identity";
import { customerIdSchema } from "./contracts/privacy";
import * as z from "zod";

export type { SignedIn } from "./access/sign-in";
export { type EngineErrorCode, type ErrorParams, errorText } from "./contracts/error-texts";
export { EngineInputError, FlowInvalidError, StoreUnavailableError } from "./contracts/errors";
export type { InboundMessage, OutboundMessage, RawRequest } from "./channels/channel";
export type { AuditRecord } from "./audit/audit-service";
export type { ChannelReply } from "./ingress/channel-requests";
export type { MessageOutcome } from "./ingress/intake";
export type { Sender, SignedRequest } from "./access/api-keys";

export type EngineOptions = {
  /** SQLite file; defaults to OMNIFLOW_DB or data/omniflow.db. */
  dbFile?: string;
  /** The engine clock (ms). Tests pass a fake one to fast-forward timers. */
  clock?: () => number;
  /** Extra or replacement channel adapters, by name (the configured ones, engine/contracts/channels.ts, are built in). */
  channels?: ChannelAdapter[];
  /**
   * Channels with no stored settings run against their fake providers (the demo: `npm start`), so
   * a newcomer can try every channel with nothing leaving the machine; otherwise they are off.
   */
  sandbox?: boolean;
  /**
   * Settings laid over channels' sandbox settings: `{ email: { smtpPort: 2626 } }` serves e-mail's fake
   * SMTP server on another port than 2525 (tests pick a free one; the demo may take another when 2525 is busy).
   */
  sandboxSettings?: Partial<Record<Channel, Record<string, unknown>>>;
  /** Channels set by configuration (the environment): live with these settings unless the Channels page stored others. */
  channelSettings?: Partial<Record<Channel, unknown>>;
  /** Run the background jobs (outbox dispatcher, timers, schedules, WAL checkpoints; default true). */
  background?: boolean;
  /** Fault injection for tests: hooks at the moments a crash test kills the process (never set in production). */
  faults?: EngineFaults;
  /** The template gallery (templates/catalog.ts in the app). */
  templates?: readonly FlowTemplate[];
  /** Host names the web app answers on (the server refuses others; default: localhost, 127.0.0.1, [::1]). */
  allowedHosts?: string[];
  /** Sign-in attempts per client address per minute (default 10). */
  signInAttemptsPerMinute?: number;
  /** The demo's accounts, listed on the sign-in page (only when the server runs the demo). */
  demo?: DemoAccounts;
  /**
   * Calls to outside HTTP APIs: `allow` names the internal hosts flows may call (server.ts reads
   * OMNIFLOW_OUTBOUND_ALLOW); tests may also hand in a DNS resolver.
   */
  outbound?: OutboundOptions;
  /**
   * The commit queue: `maxPending` units waiting beyond which intake is refused at once (default
   * 10,000), `giveUpAfterMs` a busy store is waited through before intake is refused (default 5 s);
   * both answer 503 with Retry-After over HTTP.
   */
  commits?: Pick<GroupCommitOptions, "maxPending" | "giveUpAfterMs">;
  /** Effects performed at once: per channel (default 32), per HTTP host (8), in all (256). */
  outbox?: DispatcherLimits;
  /** Steps and messages sent per instance per day before it is stopped (default 1,000 and 100; see runtime/instance-limits.ts). */
  instanceLimits?: InstanceLimitsInput;
  /**
   * The writer thread's script (the server passes dist/writer-thread.mjs): intake, settling effects and
   * timers then commit on that thread (writer/thread.ts), with its own WAL checkpointer. Without it they
   * commit on this thread: tests with a fake clock or fault hooks, `npm run dev`, scripts.
   */
  writerThread?: string;
};

/** Where a crash test can stop the process: each hook runs at that moment, on the engine's thread. */
export type EngineFaults = Pick<PerformDeps, "afterSend"> & {
  /** Inside each commit's transaction, after its steps ran, before COMMIT. */
  insideCommit?: () => void;
  /** As a due timer starts firing (its step is submitted right after). */
  timerDue?: () => void;
  /** As each WAL checkpoint starts on the checkpointer's thread. */
  checkpointing?: () => void;
};

export type DemoAccounts = { password: string; staff: readonly { name: string; email: string; role: string }[] };

export const DEFAULT_ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

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
  // Checked before anything opens, so a bad setting leaves nothing behind.
  const instanceLimits = instanceLimitsSchema.parse(options.instanceLimits ?? {});
  // A channel whose adapter the caller replaced (a test's recording adapter) sends through that adapter, like any other.
  const deliveredOnCommit = DELIVERED_ON_COMMIT.filter((channel) => !options.channels?.some((a) => a.channel === channel));
  const store = openStore(options.dbFile, { deliveredOnCommit });
  // One key (OMNIFLOW_SECRET_KEY or the key file beside the database): credentials and API keys' signing
  // secrets are sealed with it; sign-in's secret and visitor tokens derive from it.
  const keyFile = `${store.file}.key`;
  let secretKey: Buffer;
  let secrets: ReturnType<typeof unlockSecrets>;
  try {
    secretKey = loadSecretKey(keyFile);
    secrets = unlockSecrets(secretKey, process.env.OMNIFLOW_SECRET_KEY ? "OMNIFLOW_SECRET_KEY" : keyFile, store.credentials, clock());
  } catch (error) {
    void store.close();
    throw error;
  }
  const credentials = createCredentialService(store.credentials, secrets, store.flows, clock);
  const visitors = createVisitorTokens(secretKey);
  const apiKeys = createApiKeys(store.apiKeys, secrets, clock);
  const listeners = new Set<(m: OutboundMessage) => void>();
  // Open widget streams, woken once a message to their visitor is marked sent, or the visitor's own message is in.
  const feedWatchers = createFeedWatchers();
  const http = createOutboundClient(options.outbound);
  const hostCheck = createHostCheck(options.outbound);
  const channelSetup = createChannelSetup({
    repo: store.channelSettings,
    secrets,
    modules: installedChannels,
    loadFake: importFakeModule,
    deps: {
      delivered: (m) => listeners.forEach((l) => l(m)),
      visitorOf: visitors.visitorOf,
      http,
      admitHost: async (host, port) => (await hostCheck(host, port))[0].address,
    },
    sandboxByDefault: options.sandbox ?? false,
    sandboxSettings: options.sandboxSettings,
    configured: options.channelSettings,
    overrides: options.channels,
    clock,
  });
  const channels = channelSetup.adapters;

  const allowedHosts = options.allowedHosts ?? DEFAULT_ALLOWED_HOSTS;
  const audit = createAudit(store.audit, clock);
  const signIn = createSignIn({
    store: store.signIn,
    secretKey,
    allowedHosts: allowedHosts.flatMap(withAnyPort),
    attemptsPerMinute: options.signInAttemptsPerMinute,
    onSignIn: (e) =>
      audit.record({
        actor: e.operatorId ? { kind: "user", id: e.operatorId, name: e.email } : { kind: "anonymous" },
        action: e.ok ? "auth.sign-in" : "auth.sign-in-failed",
        outcome: e.ok ? "ok" : "failed",
        detail: { email: e.email },
        ip: e.ip ?? undefined,
      }),
  });

  const { versions, settings, region, commands: writerCommands } = wireWriter(store, instanceLimits, clock);
  const faults = options.faults ?? {};
  if (options.writerThread && (options.clock || faults.insideCommit || faults.checkpointing)) {
    throw new Error("a fake clock and the commit and checkpoint faults need the writer on the engine's thread (no writerThread)");
  }
  /** A web chat visitor's open streams look again (a message of theirs, or a reply to them, is on disk). */
  const showInFeed = (channel: string, address: string) => channel === "webchat" && feedWatchers.wake(address);
  /** Once a commit is on disk: its outbox rows go to the dispatcher; the replies it delivered wake who shows them. */
  const committed = (written: Committed[]) => {
    const rows: WrittenRow[] = [];
    for (const w of written) {
      if (!("delivered" in w)) rows.push(w);
      else {
        showInFeed(w.delivered.channel, w.delivered.address);
        for (const listener of listeners) listener(w.delivered);
      }
    }
    if (background) dispatcher.offer(rows);
  };
  // The engine's own group commit: the inline writer's (intake, settles, operators' and owners' writes run as writer
  // commands, here or on the writer thread; admin writes such as publishing and settings commit on this connection).
  // Each writer's commits not yet flushed, shared with the writer thread: the dispatcher leaves their rows alone.
  const fenceBuffer = newFenceBuffer();
  const fence = createDurableFence(fenceBuffer, 0);
  const commits = createGroupCommit(store.unsyncedTransaction, {
    ...options.commits,
    durable: store.syncCommitted,
    afterCommit: committed,
    journal: store.outbox.journal,
    fence,
    insideCommit: faults.insideCommit,
  });
  const performDeps: PerformDeps = {
    channel: (name) => channels.get(name as Channel),
    http,
    credentialHeaders: (id) => {
      const credential = credentials.reveal(id);
      return credential && credentialHeaders(credential);
    },
    afterSend: faults.afterSend,
  };
  const inlineWriter = createInlineWriter(writerCommands, commits);
  const writer = options.writerThread
    ? startWriterThread(
        {
          script: options.writerThread,
          dbFile: store.file,
          instanceLimits,
          commits: options.commits,
          deliveredOnCommit,
          fenceBuffer,
          committed,
        },
        inlineWriter,
      )
    : inlineWriter;
  const settle = async (outcome: EffectOutcome) => {
    await writer.run("settle", outcome);
    // The widget shows a reply once it is marked sent: its streams wake after that commit, not at the adapter's send.
    const sent = outcome.kind === "message.send" ? (outcome.payload as OutboundPayload) : null;
    if (sent?.address) showInFeed(sent.channel, sent.address);
  };
  const dispatcher = createDispatcher(store.outbox, performDeps, clock, settle, options.outbox, fence);
  const staff = createStaff(store.staff, clock);
  const doors = createDoors(writer, staff.member);
  const timers = createTimerPoller(store.timers, clock, (timer) => {
    faults.timerDue?.();
    return doors.timerDue(timer);
  });
  const tasks = createTasks(store, staff, {
    completeTask: (c) => writer.run("completeTask", c),
    operatorReply: (r) => writer.run("operatorReply", r),
  });
  const outbound = createAddressPolicy(options.outbound?.allow ?? []);
  const waiting = {
    count: store.instances.waitingCount,
    cancel: (flowId: string) => writer.run("cancelWaiting", flowId),
  };
  // A channel can deliver when it has an adapter: live or sandboxed, or one a test handed in.
  const deliverable = () => [...channels.keys()];
  const migrations = createInstanceMigration({
    flows: store.flows,
    repos: store,
    versions,
    migrate: (m) => writer.run("migrateBatch", m),
    record: audit.record,
  });
  // A publish, (de)activation or new order changes what starts: the writer's cache learns it too.
  const published = {
    ...versions,
    invalidate() {
      versions.invalidate();
      writer.versionsChanged();
    },
  };
  const flows = createFlowService(store.flows, { templates: options.templates ?? [], published, outbound, waiting, deliverable }, clock);
  // After an erasure, the numbers intake remembers having read go too (customers/identity-key.ts), in the writer as well,
  // and the outbox rows the dispatcher holds in memory (the erasure rewrote or cancelled them).
  const privacy = createPrivacy(store, clock, () => {
    forgetReadPhones();
    writer.erased();
    dispatcher.forget();
  });
  const retention = createRetention(store, settings, clock);
  const merges = createMerges(store, {
    mergeAccept: (id) => writer.run("mergeAccept", id),
    mergeReject: (id) => writer.run("mergeReject", id),
    mergeSplit: (id) => writer.run("mergeSplit", id),
  });
  const timeline = createTimeline(store.timeline);
  const csvImport = createCsvImport({ importRows: (rows) => writer.run("importRows", rows) }, region);

  // Each job runs under a supervisor (jobs/background.ts): a failing run is logged and retried, never fatal.
  const jobs: BackgroundJob[] = [
    every("timers", 500, timers.tick),
    // The dispatcher also runs on a beat: retries fall due, and a crash may have left rows behind.
    every("dispatcher", 1000, dispatcher.poll),
    every("schedules", 15_000, doors.schedulesDue),
    // On its own thread and connection (store/checkpoint.ts): a checkpoint's fsync never holds up the event loop.
    // A writer thread checkpoints for itself, so that the checkpointer's quiet moments hold its commits.
    ...(options.writerThread
      ? []
      : [{ name: "checkpoints", start: () => store.startCheckpoints({ quiet: commits.hold, checkpointing: faults.checkpointing }) }]),
    every("retention", 3_600_000, retention.apply),
  ];
  const stopJobs = background ? startJobs(jobs) : async () => {};
  if (background) dispatcher.poll();

  /** A customer message in through any door; a web chat visitor's own streams then show it. */
  const takeMessage = async (message: InboundMessage): Promise<MessageOutcome> => {
    const outcome = await doors.message(message);
    if (!outcome.duplicate) showInFeed(message.channel, message.address);
    return outcome;
  };
  const channelRequests = createChannelRequests({
    adapters: channels,
    intake: {
      message: takeMessage,
      status: doors.deliveryStatus,
      conversationState: (channel, address) => store.conversations.state(channel, address),
      dispatch: () => void dispatcher.kick(),
    },
  });
  const sandbox = createSandbox({ setup: channelSetup, receive: channelRequests.receive, clock });
  /** Parses a provider payload (its JSON body) with the channel's adapter (throws zod errors naming the field). */
  const parseInbound = (channel: Channel, payload: unknown): Promise<InboundMessage> => channelRequests.parsePayload(channel, payload);

  return {
    /** The database file (tests and tools open their own connections to it; the engine's stays inside). */
    dbFile: store.file,
    /** Host names the web app answers on. */
    allowedHosts,
    /** The demo's accounts (null outside the demo). */
    demo: options.demo ? { password: options.demo.password, staff: options.demo.staff.map(({ name, email, role }) => ({ name, email, role })) } : null,
    /** Staff sign-in: `/api/auth/*`, the session behind a request, passwords, the person's language. */
    signIn,
    flows,
    instances: createInstanceService(store.instances, store.customers),
    /** "Replay on draft": an instance's recorded events through its flow's draft in the simulator (reads only). */
    replay: createReplayService(store.instances, store.flows, deliverable),
    /**
     * Moving a flow's waiting instances to another version: `preview` (counts per waiting node, the
     * suggested mapping, what stops it) and `apply` (in batches of 200, one transaction each; timers and
     * open tasks follow their instance; audited as `instances.migrated`).
     * @example
     * const plan = await engine.migrations.preview({ flowId });
     * await engine.migrations.apply({ flowId, fromVersionId: plan.from!.versionId, mapping: plan.mapping! }, { actor: { kind: "system" } });
     */
    migrations,
    /**
     * Channel set-up (the Channels page): each channel live, sandboxed or off; `configure` takes a
     * channel live (secrets sealed, write-only), `testSend` sends one message through its adapter now.
     */
    channels: {
      list: channelSetup.list,
      configure: channelSetup.configure,
      setMode: channelSetup.setMode,
      testSend: createChannelTests(channels).testSend,
    },
    /** The customer's side of sandboxed channels: write as a customer, read what reached them. */
    sandbox: { write: sandbox.write, thread: sandbox.thread },
    /** Credentials for nodes that call outside systems: values go in and never come back out (only the dispatcher opens them). */
    credentials: { list: credentials.list, create: credentials.create, replace: credentials.replace, rename: credentials.rename, remove: credentials.remove },
    tasks,
    staff,
    /** The hash-chained audit trail: `record` a mutation or sign-in; `list`, `export` and `verify` it. */
    audit,
    parseInbound,
    /** Ingests a customer message; resolves once its step is committed. */
    ingest: takeMessage,

    /** A provider's raw request to a channel: verified, parsed, its messages and statuses committed; resolves with the reply. */
    receiveRequest: (channel: string, request: RawRequest): Promise<ChannelReply> => channelRequests.receive(channel, request),

    /** Parse + ingest in one call (in-process callers: the app's chat panel, tests). */
    receive: async (channel: Channel, payload: unknown): Promise<MessageOutcome> => takeMessage(await parseInbound(channel, payload)),

    /** Machine callers' API keys: `create` (the key and signing secret are in its answer only), `list`, `revoke`. */
    apiKeys: { create: apiKeys.create, list: apiKeys.list, revoke: apiKeys.revoke },
    /** Who sent a request needing `scope` (`events`, `hooks:<name>`): throws AccessDeniedError (401, 403). */
    authenticate: (request: SignedRequest, scope: string) => apiKeys.authenticate(request, scope),

    /** A CRM event (`POST /api/events`) from `sender` (an API key id): validated against its typed payload, then committed. */
    receiveCrmEvent: doors.crmEvent,
    /** A call to a flow's webhook from `sender` (an API key id): validated against the listening triggers' declared fields. */
    receiveWebhook: doors.webhook,

    /** The web chat as a visitor holding a token uses it (the app's chat panel, the widget); a wrong token is refused (401). */
    webchat: {
      /** A new visitor and the token that lets them post and read as that visitor. */
      newVisitor: visitors.issue,
      /** The visitor a token was issued to (401 `invalid_visitor_token` otherwise). */
      visitorOf: (token: unknown) => visitors.visitor(token),
      /** The visitor's message (with a fresh message id); resolves once committed. */
      send: async (token: unknown, message: { text: string; name?: string; flowId?: string }) =>
        takeMessage(await parseInbound("webchat", { ...message, visitorId: visitors.visitor(token), messageId: newId() })),
      /** The visitor's latest conversation, as they see it. */
      messages: async (token: unknown) => store.conversations.customerView("webchat", visitors.visitor(token)),
      /**
       * The widget's feed (channels/webchat/feed.ts): messages past `cursor` (a previous answer's
       * cursor; none: the latest 100), each with the cursor covering it; `typing` while a reply is
       * on its way; `more` when a page did not hold all. A cursor not given out is a 400 on `cursor`.
       * @example
       * const { events, cursor } = engine.webchat.feed(token);
       * const later = engine.webchat.feed(token, formatCursor(cursor)); // exactly what came since
       */
      feed(token: unknown, cursor?: string) {
        const visitorId = visitors.visitor(token);
        const from = cursor === undefined ? { after: store.conversations.feedStart("webchat", visitorId, 100), seen: [] } : parseCursor(cursor);
        const rows = store.conversations.feedAfter("webchat", visitorId, from.after, FEED_PAGE);
        const next = advanceFeed(rows, from);
        return {
          events: next.events.map((e) => ({ message: e.message, cursor: formatCursor(e.cursor) })),
          cursor: formatCursor(next.cursor),
          typing: next.typing,
          more: rows.length === FEED_PAGE && next.cursor.after !== from.after,
        };
      },
      /** Calls `wake` whenever the visitor's feed may have changed; returns the unsubscribe. */
      watch: (visitorId: string, wake: () => void) => feedWatchers.watch(visitorId, wake),
      /** Streams open now (one visitor's, or in all): the server caps both. */
      watching: feedWatchers.count,
      /**
       * The visitor leaves an e-mail or phone: recorded in their customer's fields `email` / `phone`
       * (ingress/identity.ts `claimContact`, where identity resolution takes it further).
       * @example await engine.webchat.leaveContact(token, { email: "ann@example.com" });
       */
      leaveContact: async (token: unknown, claim: unknown) => doors.contact("webchat", visitors.visitor(token), claim),
    },
    /** An operator starts a published flow (with a "Started by an operator" trigger) for a customer. */
    startForCustomer: doors.operatorStart,
    /** Published flows an operator may start from the workspace, by name. */
    operatorStartable: () => flows.operatorStartable(),
    /** The channels a published flow answers a customer's first message on. */
    answeredChannels: () => flows.answeredChannels(),

    /**
     * Customers: search (paged), one customer's profile with counts, their one timeline across
     * channels (cursor-paged), merge suggestions with previews, accepting (merge) or rejecting them,
     * merges into a customer and splitting one, and the CSV import.
     */
    customers: {
      ...createCustomerDirectory(store.customers),
      timeline: async (customerId: string, page: Parameters<typeof timeline.page>[1]) => timeline.page(customerIdSchema.parse(customerId), page),
      suggestions: async (customerId: string) => merges.suggestions(customerIdSchema.parse(customerId)),
      merges: async (customerId: string) => merges.mergesInto(customerIdSchema.parse(customerId)),
      acceptMerge: (suggestionId: string) => merges.accept(mergeSuggestionIdSchema.parse(suggestionId)),
      rejectMerge: (suggestionId: string) => merges.reject(mergeSuggestionIdSchema.parse(suggestionId)),
      split: (mergeId: string) => merges.split(mergeIdSchema.parse(mergeId)),
      importCsv: csvImport.run,
    },
    /**
     * An identifier a customer gave (the chat widget's "leave your e-mail or phone"): filed under them
     * when nobody holds it, else a merge suggestion the operator decides on.
     * @example await engine.identify(customerId, { kind: "email", value: "ann@example.com" }) // { status: "added", ... }
     */
    identify: doors.identify,
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

    /** Messages of a channel address's latest conversation, as the customer sees them (delivered only; in-process callers). */
    conversationFor: (channel: Channel, address: string) => store.conversations.customerView(channel, address),

    /** Subscribes to messages as channels deliver them (for live views). */
    onDelivered(listener: (m: OutboundMessage) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Starts flows whose schedule is due (the background job does this every 15 s). */
    fireSchedules: doors.schedulesDue,
    /** Fires due timers now (tests and CLI; the background job does this every 500 ms). */
    fireDueTimers: () => timers.tick(),
    /** Where intake commits now (`/api/health` says it): on the writer thread, or on this one (no thread, or while it starts). */
    writerRunsOn: () => writer.where(),
    /** Sends what the outbox holds now; resolves when it is empty. */
    dispatch: () => dispatcher.kick(),

    async close() {
      await stopJobs();
      await dispatcher.kick();
      sandbox.close();
      await channelSetup.close();
      await writer.close();
      await store.close();
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;

/** Rows one feed read takes at most (the rest follow on the next read). */
const FEED_PAGE = 500;
const feedRequestSchema = z.object({ cursor: feedCursorSchema });
const parseCursor = (cursor: string) => feedRequestSchema.parse({ cursor }).cursor;

/** better-auth matches hosts with their port: allow each host on any port. */
const withAnyPort = (host: string) => (host.includes(":") && !host.startsWith("[") ? [host] : [host, `${host}:*`]);
