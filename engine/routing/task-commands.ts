import type { Channel } from "../contracts/events";
import { inputError } from "../contracts/errors";
import { queueMessage } from "../effects/message-send";
import type { FlowRuntime } from "../runtime/flow-runtime";
import type { StepRepositories } from "../store/index";

export type CompleteTask = { taskId: string; outcome: string; operatorId: string | null; instanceId: string | null };
export type OperatorReply = { instanceId: string | null; conversationId: string; channel: Channel; address: string; text: string };

/**
 * An operator's actions as they run inside a commit, checked beforehand by routing/tasks.ts: the engine's
 * writer runs them (writer/commands.ts), so they share its thread and commits with intake.
 */
export function createTaskCommands(repos: StepRepositories, runtime: FlowRuntime, clock: () => number) {
  return {
    /** The task closed with its outcome; the instance parked on it resumes in the same transaction. */
    completeTask(c: CompleteTask): void {
      const at = clock();
      if (!repos.tasks.complete(c.taskId, c.outcome, c.operatorId, at)) throw inputError("task.completed", {}, "taskId");
      runtime.resumeOnTask({ id: c.taskId, instanceId: c.instanceId }, c.outcome, at);
    },
    /** The operator's message, queued in the outbox like a flow's. */
    operatorReply(r: OperatorReply): void {
      queueMessage(repos, { ...r, author: "operator", at: clock() });
    },
  };
}

/** How routing/tasks.ts has them run (the engine hands in its writer's). */
export type TaskCommits = { completeTask(c: CompleteTask): Promise<void>; operatorReply(r: OperatorReply): Promise<void> };
