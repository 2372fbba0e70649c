import type { DeliveryStatus, InboundMessage } from "../channels/channel";
import type { Channel } from "../contracts/events";
import type { ContactClaim } from "../contracts/contact";
import type { CrmEventBody } from "../contracts/crm-events";
import type { GivenIdentity } from "../contracts/identity";
import type { WebhookBody } from "../contracts/webhooks";
import type { EffectOutcome } from "../effects/define-effect";
import type { Intake } from "../ingress/intake";
import { createCsvCommands } from "../customers/csv-commands";
import { createMergeCommands } from "../customers/merge-commands";
import { createTaskCommands } from "../routing/task-commands";
import type { FlowRuntime } from "../runtime/flow-runtime";
import { type MigrateBatchArgs, migrateBatch } from "../runtime/migrate-batch";
import type { Store } from "../store/index";
import type { DueTimer } from "../store/timers";

/** A schedule missed by more than this (downtime) is skipped rather than started late. */
const SCHEDULE_GRACE_MS = 15 * 60_000;

/**
 * What the engine's writer does inside a commit, by name, each with one argument that crosses a
 * thread (structured-cloneable, already validated by its caller): so the same commands run in this
 * thread's group commit or in the writer thread's (writer/thread.ts).
 */
export function createWriterCommands(intake: Intake, runtime: FlowRuntime, repos: Store, clock: () => number) {
  return {
    ...createTaskCommands(repos, runtime, clock),
    ...createMergeCommands(repos, clock),
    ...createCsvCommands(repos, clock),
    /** A batch of a flow's waiting instances moved to another version (runtime/instance-migration.ts). */
    migrateBatch: (m: MigrateBatchArgs) => migrateBatch(repos, m.plan, m.afterId, m.limit, clock()),
    /** A deactivated flow's waiting instances cancelled (runtime/flow-runtime.ts `cancelWaiting`). */
    cancelWaiting: (flowId: string) => runtime.cancelWaiting(flowId, clock()),
    message: (message: InboundMessage) => intake.message(message, clock()),
    deliveryStatus: (status: DeliveryStatus) => intake.deliveryStatus(status, clock()),
    contact: (c: { channel: Channel; address: string; claim: ContactClaim }) => intake.contactClaimed(c.channel, c.address, c.claim, clock()),
    timerDue: (timer: DueTimer) => intake.timerDue(timer, clock()),
    timerFailed: (timer: DueTimer) => intake.timerFailed(timer),
    crmEvent: (e: { body: CrmEventBody; sender: string }) => intake.crmEvent(e.body, e.sender, clock()),
    webhook: (call: { hook: string; sender: string; idempotencyKey: string | null; body: WebhookBody }) => intake.webhook(call, clock()),
    operatorStart: (start: { flowId: string; customerId: string; operatorId: string; note: string }) => intake.operatorStart(start, clock()),
    identify: (i: { customerId: string; identity: GivenIdentity }) => intake.identify(i.customerId, i.identity, "widget", clock()),
    schedulesDue: (_: null) => intake.schedulesDue(clock(), SCHEDULE_GRACE_MS),
    /** A performed effect's outcome, with its consequence for the flow (runtime/flow-runtime.ts `settleEffect`). */
    settle: (outcome: EffectOutcome) => runtime.settleEffect(outcome, clock()),
  };
}

export type WriterCommands = ReturnType<typeof createWriterCommands>;
export type CommandName = keyof WriterCommands;
export type CommandArg<K extends CommandName> = Parameters<WriterCommands[K]>[0];
export type CommandResult<K extends CommandName> = ReturnType<WriterCommands[K]>;

/** Runs writer commands, each in a group commit; resolves once its commit is on disk. */
export type Writer = {
  run<K extends CommandName>(name: K, arg: CommandArg<K>): Promise<CommandResult<K>>;
  /** Published versions changed (a publish, a (de)activation, a new order): the writer's cache must reread them. */
  versionsChanged(): void;
  /** A customer was erased: the writer forgets the phone numbers it remembers having read. */
  erased(): void;
  /** Where commands commit now: on the writer thread, or on the engine's thread (no thread, or while it starts). */
  where(): "thread" | "inline";
  close(): Promise<void>;
};
