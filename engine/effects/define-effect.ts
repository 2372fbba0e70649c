import * as z from "zod";
import type { Channel, FlowEvent } from "../contracts/events";
import type { Locale } from "../contracts/format";
import type { OutboundHttp } from "../contracts/outbound";
import type { ChannelAdapter } from "../channels/channel";
import type { StepRepositories } from "../store/index";

/** A failure that retrying cannot fix (no adapter, no address, attempts used up). */
export class PermanentFailure extends Error {}

/** The request may have been processed (e.g. a timeout after sending a POST): never resent blindly. */
export class UnknownOutcome extends Error {}

/** Every effect carries its kind, its deterministic idempotency key and the node that asked for it. */
export type EffectBase = { kind: string; key: string; nodeId: string };

/** The step an effect belongs to, and the repositories of its transaction. */
export type EffectWrite = {
  instanceId: string;
  conversationId: string | null;
  customerId: string | null;
  at: number;
  /** Where sends without a channel of their own go: the instance's customer on their channel. */
  reply: { channel: Channel; address: string } | null;
  repos: StepRepositories;
};

/** In-process consequences that need the whole step written first (starting or stopping subflows). */
export type EffectFollowUp = {
  instanceId: string;
  conversationId: string | null;
  at: number;
  subflows: { call(effect: { key: string; nodeId: string; flowId: string; inputs: Record<string, unknown> }): void; abandon(keys: string[]): void };
};

/** One outbox row as a performer sees it, its payload checked against the effect's outbox schema. */
export type OutboxItem<P = unknown> = { key: string; kind: string; instanceId: string | null; payload: P; attempts: number };

/** What became of a performed effect; `final` failures are not retried, others are tried again at `retryAt` (default: now). */
export type EffectOutcome<P = unknown> = OutboxItem<P> &
  ({ ok: true; result: unknown } | { ok: false; error: string; final: boolean; unknown: boolean; retryAt?: number });

/** What performers may use: the configured channels, the guarded HTTP client, credentials, and fault injection for tests. */
export type PerformDeps = {
  channel(name: string): ChannelAdapter | undefined;
  /** Outside HTTP APIs, internal addresses refused (engine/outbound). */
  http: OutboundHttp;
  /**
   * The request headers that apply a credential, opened at perform time only (so a secret is never
   * in a flow, a payload or a log); undefined if it no longer exists; throws if it cannot be decrypted.
   */
  credentialHeaders(credentialId: string): Record<string, string> | undefined;
  /** Fault injection: called after a channel accepted a message, before the outbox row is settled. */
  afterSend?: (message: { key: string; text: string }) => void;
};

/** Effects that leave the process: a row in the outbox, performed after commit, its result fed back. */
export type EffectPerformer<P> = {
  /** The outbox row's payload (checked again when the dispatcher reads it back). */
  payload: z.ZodType<P>;
  /** Carries the effect out: resolves with its result; throws PermanentFailure / UnknownOutcome, or anything else to retry. */
  run(item: OutboxItem<P>, deps: PerformDeps): Promise<unknown>;
  /** The event its settled outcome feeds back to the flow (null: the flow does not wait for it). */
  feedback(outcome: EffectOutcome<P>, at: number): FlowEvent | null;
  /** Rows updated in the settling transaction beside the outbox row (e.g. the message's status). */
  settled?(outcome: EffectOutcome<P>, repos: StepRepositories): void;
};

/** The simulator's world: nothing leaves it, and what the flow waits for is answered by the script. */
export type SimulatedWorld = {
  at: number;
  /** The instance runs for a customer (schedules start customer-less instances). */
  hasCustomer: boolean;
  /** The conversation's channel, and whether the simulated customer can be reached on another. */
  channel: Channel;
  reachable(channel: Channel): boolean;
  /** Whether the channel has an adapter (live or sandboxed); a send on one without fails, whoever it is for. */
  deliverable(channel: Channel): boolean;
  send(text: string): void;
  note(message: string): void;
  /** An event the simulated world answers with right after this step (instant delivery results). */
  answer(event: FlowEvent): void;
  setTimer(key: string, nodeId: string, dueAt: number): void;
  cancelTimer(key: string): void;
  openTask(key: string, nodeId: string): void;
  /** The flow waits for a result that a script line of this kind answers (API answer, subflow result). */
  expectAnswer(kind: string, effect: { key: string; nodeId: string }): void;
  /** Stopped waits: their timers never fire, their tasks and calls are no longer answered. */
  forget(keys: string[]): void;
};

/** How a person reads an effect: in `locale`, the reader's language; `flowName` names another flow by id. */
export type DescribeOptions = { flowName(id: string): string; simulated: boolean; locale: Locale };

/**
 * One kind of effect, defined once: its schema, how the step's transaction writes it, how it is
 * performed when it leaves the process, which event its result feeds back, how the simulator
 * fakes it, and how it is described to a person.
 */
export type EffectDefinition<E extends EffectBase = EffectBase, P = unknown> = {
  kind: E["kind"];
  schema: z.ZodType<E>;
  /** Rows written in the step's transaction. */
  write(effect: E, step: EffectWrite): void;
  follow?(effect: E, step: EffectFollowUp): void;
  perform?: EffectPerformer<P>;
  simulate(effect: E, world: SimulatedWorld): void;
  describe(effect: E, options: DescribeOptions): string;
};

/** Declares an effect kind (see EffectDefinition). */
export function defineEffect<E extends EffectBase, P = never>(definition: EffectDefinition<E, P>): EffectDefinition<E, P> {
  return Object.freeze(definition);
}

/** An effect's schema: its kind, key and node, then its own fields. */
export function effectSchema<K extends string, S extends z.ZodRawShape>(kind: K, shape: S) {
  return z.object({ kind: z.literal(kind), key: z.string(), nodeId: z.string(), ...shape });
}
