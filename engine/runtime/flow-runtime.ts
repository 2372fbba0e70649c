import type { CustomerRef, FlowEvent } from "../contracts/events";
import { inputError } from "../contracts/errors";
import { followEffect, performerOf, writeEffect } from "../effects/registry";
import type { EffectOutcome } from "../effects/define-effect";
import { newId } from "../store/ids";
import type { StepRepositories } from "../store/index";
import type { InstanceRow } from "../store/instances";
import { findNodeSpec } from "../../nodes/registry";
import { countStep, type InstanceLimits, instanceLimitsSchema, limitReached } from "./instance-limits";
import { initialContext } from "./machine";
import { eventStep, startStep, type PersistedState, type StepResult } from "./step";
import { type BudgetStop, isStepBudgetExceeded } from "./step-budget";
import { createSubflows } from "./subflows";
import type { StartCandidate, VersionCache } from "./versions";

/** Whom a started instance runs for: a customer in one of their conversations, or nobody. */
export type Who = { customer: CustomerRef; conversationId: string } | null;

/**
 * Instances inside the step's transaction: each function runs in the transaction (or savepoint)
 * the group commit hands it, loads what it needs, runs the pure step and writes the result with
 * every effect's rows (effects/registry says how each kind is written).
 */
export function createFlowRuntime(repos: StepRepositories, versions: VersionCache, limits: InstanceLimits = instanceLimitsSchema.parse({})) {
  function persist(
    row: Pick<InstanceRow, "id" | "flowId" | "versionId" | "conversationId" | "customerId" | "stepCount">,
    previous: PersistedState | null,
    result: StepResult,
    event: FlowEvent,
    cutShort: BudgetStop | null = null,
  ) {
    result.state.usage = countStep(previous?.usage, result.effects, event.at);
    const stop = cutShort ?? (result.status === "waiting" ? limitReached(result.state.usage, limits) : null);
    const customer = result.state.context.customer;
    repos.instances.writeStep({
      instance: {
        id: row.id,
        flowId: row.flowId,
        versionId: row.versionId,
        conversationId: row.conversationId,
        customerId: row.customerId,
        status: stop ? "stopped" : result.status,
        state: typeof result.state.value === "string" ? result.state.value : JSON.stringify(result.state.value),
        snapshot: JSON.stringify(result.state),
        step: row.stepCount + 1,
      },
      isNew: !previous,
      eventType: event.type,
      eventPayload: JSON.stringify(event),
      trail: result.trail,
      effects: result.effects,
      at: event.at,
    });
    const step = {
      instanceId: row.id,
      conversationId: row.conversationId,
      customerId: row.customerId,
      at: event.at,
      reply: customer && { channel: customer.channel, address: customer.address },
      repos,
    };
    for (const effect of result.effects) writeEffect(effect, step);
    const followUp = { instanceId: row.id, conversationId: row.conversationId, at: event.at, subflows: subflows.of(result, event.at) };
    for (const effect of result.effects) followEffect(effect, followUp);
    if (stop) {
      // Nothing it waits for may wake it, and nothing it started may wait on it.
      repos.instances.stop(row.id, row.stepCount + 2, stop, event.at);
      repos.timers.cancelForInstance(row.id);
      repos.tasks.cancelForInstance(row.id, event.at);
      subflows.abandonAll(row, event.at);
    }
    subflows.answerCaller(result, event.at, stop);
  }

  const budget = { ms: limits.stepMs, nodes: limits.nodesPerStep };

  /**
   * Runs one step under the budget. A step past it changes nothing but its own instance: stored
   * as it was before the event, `stopped` with the budget named (its timers and tasks cancelled).
   */
  function stepWithin(row: Parameters<typeof persist>[0], before: PersistedState, previous: PersistedState | null, event: FlowEvent, step: () => StepResult) {
    try {
      const result = step();
      persist(row, previous, result, event);
      return result;
    } catch (error) {
      if (!isStepBudgetExceeded(error)) throw error;
      const unchanged: StepResult = { state: before, status: "waiting", trail: [], effects: [] };
      persist(row, previous, unchanged, event, error.stop);
      return unchanged;
    }
  }

  /** Applies an event to a stored instance (which must be waiting). */
  function advance(instance: InstanceRow, event: FlowEvent): StepResult | null {
    if (instance.status !== "waiting") return null;
    const state = JSON.parse(instance.snapshot) as PersistedState;
    return stepWithin(instance, state, state, event, () => eventStep(versions.machine(instance.versionId), state, event, budget));
  }

  /** Starts an instance of a published version for a customer's conversation, or for nobody. */
  function start(chosen: { flowId: string; versionId: string }, who: Who, event: FlowEvent): string {
    const instanceId = newId();
    const conversationId = who?.conversationId ?? null;
    const customer = who?.customer ?? null;
    const row = { id: instanceId, flowId: chosen.flowId, versionId: chosen.versionId, conversationId, customerId: customer?.id ?? null, stepCount: 0 };
    const input = { instanceId, flowId: chosen.flowId, versionId: chosen.versionId, conversationId, customer, event };
    const before: PersistedState = { value: "start", context: initialContext(input), status: "active" };
    stepWithin(row, before, null, event, () => startStep(versions.machine(chosen.versionId), input, budget));
    return instanceId;
  }

  const subflows = createSubflows({ instances: repos.instances, timers: repos.timers, tasks: repos.tasks, versions, start, advance });

  /**
   * Latest versions of active flows whose triggers take this event: where the owners ordered
   * overlapping flows (publishing asks), that order; then the most specific trigger (a flow for
   * "webchat" beats one for "any channel"), then the newest publish.
   */
  function startable(event: FlowEvent, flowId?: string): StartCandidate[] {
    const candidates = versions.candidates().filter((c) => !flowId || c.flowId === flowId);
    if (flowId && candidates.length === 0) throw inputError("flow.no-published-version", { flowId }, "flowId");
    const ranks = versions.ranks();
    const fit = (c: StartCandidate) => {
      let best = { rank: Number.POSITIVE_INFINITY, score: -1 };
      for (const t of c.triggers) {
        const trigger = findNodeSpec(t.type)?.trigger;
        if (!trigger?.matches(t.settings as never, event)) continue;
        const claim = trigger.claims?.of(event);
        const rank = (claim ? ranks.get(claim)?.get(c.flowId) : undefined) ?? Number.POSITIVE_INFINITY;
        const score = trigger.specificity?.(t.settings as never) ?? 0;
        if (rank < best.rank || (rank === best.rank && score > best.score)) best = { rank, score };
      }
      return best;
    };
    return candidates
      .map((c) => ({ c, ...fit(c) }))
      .filter((x) => x.score >= 0)
      .sort((a, b) => (a.rank === b.rank ? b.score - a.score : a.rank < b.rank ? -1 : 1)) // stable: ties keep newest-publish order
      .map((x) => x.c);
  }

  /**
   * A deactivated flow's waiting instances, cancelled with their timers, open tasks and the
   * subflows they called; a flow that called one of them takes Failed. Returns how many.
   */
  function cancelWaiting(flowId: string, at: number): number {
    let cancelled = 0;
    for (const row of repos.instances.waitingOf(flowId)) {
      if (!repos.instances.cancel(row.id, at)) continue; // an earlier one's subflow, already cancelled with it
      cancelled++;
      repos.timers.cancelForInstance(row.id);
      repos.tasks.cancelForInstance(row.id, at);
      subflows.abandonAll(row, at);
      subflows.failCaller(row, "the called flow was deactivated and its waiting instances cancelled", at);
    }
    return cancelled;
  }

  /** Triggers may check a payload against what they declare (webhooks); the first problem is refused. */
  function checkPayload(chosen: StartCandidate, event: FlowEvent) {
    for (const t of chosen.triggers) {
      const problem = findNodeSpec(t.type)?.trigger?.check?.(t.settings as never, event);
      if (problem) throw inputError("trigger.payload", { field: problem.field, problem: problem.message }, problem.field);
    }
  }

  return {
    advance,
    start,
    startable,
    cancelWaiting,
    checkPayload,
    /**
     * Time-driven triggers (schedules) of published versions that fell due in the last `graceMs` and
     * after the version was published, each with its dedup key `(version, trigger, due time)`.
     */
    dueSchedules(at: number, graceMs: number) {
      return versions.candidates().flatMap((candidate) =>
        candidate.triggers.flatMap((t, index) => {
          const poll = findNodeSpec(t.type)?.trigger?.poll;
          const due = poll?.lastDue(t.settings as never, at) ?? null;
          if (!poll || due === null || due < candidate.publishedAt || at - due > graceMs) return [];
          return [
            { candidate, key: `poll:${candidate.versionId}:${index}:${due}`, record: { type: t.type, due }, event: poll.event(t.settings as never, due, at) },
          ];
        }),
      );
    },
    /** Whether an instance runs for `flowId`: one of that flow's, or a subflow called (at any depth) by one. */
    runsFor: subflows.runsFor,

    /**
     * Settles a performed effect in one transaction with its consequence: the outbox row is marked,
     * and a flow that waits for the result gets it as an event, so a crash can lose neither.
     */
    settleEffect(outcome: EffectOutcome, at: number): void {
      const result = outcome.ok ? "done" : outcome.unknown ? "unknown" : outcome.final ? "failed" : "retry";
      if (!repos.outbox.settle(outcome.key, result, outcome.ok ? null : outcome.error, at, (!outcome.ok && outcome.retryAt) || at)) return;
      const perform = performerOf(outcome.kind);
      perform?.settled?.(outcome, repos);
      if (result === "retry" || !outcome.instanceId || !perform) return;
      const event = perform.feedback(outcome, at);
      const instance = event && repos.instances.get(outcome.instanceId);
      if (event && instance) advance(instance, event);
    },

    /** A due timer: claimed and applied in the same transaction, so it fires exactly once. */
    fireTimer(timer: { id: string; instanceId: string; nodeId: string }, at: number): boolean {
      if (!repos.timers.claim(timer.id)) return false;
      repos.inbox.record(`timer:${timer.id}`, "timer", timer, at);
      const instance = repos.instances.get(timer.instanceId);
      if (instance) advance(instance, { type: "timer.fired", at, timerId: timer.id, nodeId: timer.nodeId });
      return true;
    },

    /** An operator finished a task (already closed in this transaction): the instance parked on it resumes. */
    resumeOnTask(task: { id: string; instanceId: string | null }, outcome: string, at: number): void {
      repos.inbox.record(`task:${task.id}`, "task", { taskId: task.id, outcome }, at);
      const instance = task.instanceId ? repos.instances.get(task.instanceId) : undefined;
      if (instance) advance(instance, { type: "task.completed", at, taskId: task.id, nodeId: "", outcome });
    },
  };
}

export type FlowRuntime = ReturnType<typeof createFlowRuntime>;
