import type { z } from "zod";
import { caseUpsert } from "./case-upsert";
import { customerUpdate } from "./customer-update";
import type { DescribeOptions, EffectDefinition, EffectFollowUp, EffectPerformer, EffectWrite, SimulatedWorld } from "./define-effect";
import { handoffCreate } from "./handoff-create";
import { httpRequest } from "./http-request";
import { messageSend } from "./message-send";
import { notificationCreate } from "./notification-create";
import { subflowStart } from "./subflow-start";
import { taskCreate } from "./task-create";
import { taskEscalate } from "./task-escalate";
import { timerCancel } from "./timer-cancel";
import { timerSet } from "./timer-set";
import { waitAbandon } from "./wait-abandon";

/**
 * Every effect kind, defined once. The step's transaction, the dispatcher, the simulator and the
 * app's views read this list; a new effect kind is one file here and its line below.
 */
const definitions = [
  messageSend,
  timerSet,
  timerCancel,
  httpRequest,
  taskCreate,
  taskEscalate,
  notificationCreate,
  handoffCreate,
  waitAbandon,
  subflowStart,
  customerUpdate,
  caseUpsert,
] as const;

/** Side effects a step asks for. The machine never performs them; the engine writes them in the step's transaction. */
export type Effect = z.infer<(typeof definitions)[number]["schema"]>;
export type EffectKind = Effect["kind"];
export type EffectOf<K extends EffectKind> = Extract<Effect, { kind: K }>;

const byKind = new Map<string, EffectDefinition>(definitions.map((d) => [d.kind, d as unknown as EffectDefinition]));

/** The definition of an effect's kind; every Effect has one (the union is made from this list). */
function definitionOf(effect: Effect): EffectDefinition<Effect> {
  return byKind.get(effect.kind) as EffectDefinition<Effect>;
}

/** Writes an effect's rows in the step's transaction, as its kind says. */
export const writeEffect = (effect: Effect, step: EffectWrite): void => definitionOf(effect).write(effect, step);

/** Its in-process consequences, once the whole step is written (subflows). */
export const followEffect = (effect: Effect, step: EffectFollowUp): void => definitionOf(effect).follow?.(effect, step);

/** Fakes an effect in Simulate mode, as its kind says. */
export const simulateEffect = (effect: Effect, world: SimulatedWorld): void => definitionOf(effect).simulate(effect, world);

/** How an outbox row of this kind is performed (undefined: the kind never leaves the process). */
export const performerOf = (kind: string): EffectPerformer<unknown> | undefined => byKind.get(kind)?.perform;

/** Kinds that leave the process through the outbox (the dispatcher performs these). */
export const performedKinds = definitions.filter((d) => "perform" in d && d.perform).map((d) => d.kind);

/**
 * One line about an effect for people. Logged effects are read back from JSON: one that no
 * longer fits its kind's schema (written by an older version) is named by its kind alone.
 */
export function describeEffect(effect: { kind: string }, options: DescribeOptions): string {
  const definition = byKind.get(effect.kind);
  const parsed = definition?.schema.safeParse(effect);
  return definition && parsed?.success ? definition.describe(parsed.data, options) : effect.kind;
}
