import * as z from "zod";
import { nodeIssue } from "../../_kit/messages";
import { emit, unpark, type FlowContext } from "../../_kit/context";
import { action, defineNode } from "../../_kit/define-node";
import type { ParallelStop } from "../../_kit/structure";
import { ruCount } from "../../_kit/ru";

/** This node's problem texts (English); their Russian is `ru.messages`. */
const MESSAGES = {
  "branches-few": "at least 2 branches",
  "branches-many": "at most 5 branches",
  "labels-many": "Run in parallel: {labels} names for {branches} branches.",
} as const;

const MAX_BRANCHES = 5;

const settings = z.object({
  branches: z
    .number()
    .int("a whole number")
    .min(2, MESSAGES["branches-few"])
    .max(MAX_BRANCHES, `at most ${MAX_BRANCHES} branches`)
    .default(2)
    .meta({ label: "Branches", help: "How many branches run at the same time (2–5). Lead every branch into one Join." }),
  labels: z
    .array(z.string().trim().min(1).max(40))
    .max(MAX_BRANCHES)
    .default([])
    .meta({ label: "Branch names", widget: "lines", help: "Optional, one per line in branch order; a branch without a name is “Branch N”." }),
});

/** The port of the n-th branch (1-based); also the key of its region in the compiled state. */
const branchPort = (n: number) => `branch-${n}`;

/**
 * Runs several branches at once and continues at their Join. The compiler finds each branch's
 * nodes (engine/compiler/branches.ts) and nests them in one region of this node's
 * `type: "parallel"` state (compile.ts); events reach every region, and each waiting node checks
 * its own parked key.
 */
export const parallelNode = defineNode({
  type: "flow.parallel",
  version: 1,
  title: "Run in parallel",
  description: "Starts several branches at the same time; a Join continues when they are done.",
  category: "flow",
  icon: "GitFork",
  keywords: ["parallel", "fork", "split", "concurrent", "branches", "at the same time"],
  ru: {
    title: "Запустить параллельно",
    description: "Запускает несколько веток одновременно; узел «Слияние» продолжает, когда они завершатся.",
    keywords: ["параллельно", "ветвление", "разделение", "одновременно", "ветки"],
    settings: {
      branches: { label: "Ветки", help: "Сколько веток идут одновременно (2–5). Сведите все ветки в одно «Слияние»." },
      labels: { label: "Названия веток", help: "Необязательно, по одному в строке в порядке веток; ветка без названия — «Ветка N»." },
    },
    ports: { "branch-{n}": { "Branch {n}": "Ветка {n}" } },
    messages: {
      "branches-few": "минимум 2 ветки",
      "branches-many": "максимум 5 веток",
      "labels-many": "{title}: названий веток — {labels}, а самих веток — {branches}.",
    },
    summary: (s) => `${ruCount(s.branches, ["ветка", "ветки", "веток"])} одновременно`,
  },
  settings,
  hasInput: true,
  outputs: (s) => Array.from({ length: s.branches }, (_, i) => ({ id: branchPort(i + 1), label: s.labels[i] ?? `Branch ${i + 1}` })),
  summary: (s) => `${s.branches} branches at once`,
  messages: MESSAGES,
  validate: (s) => (s.labels.length > s.branches ? [nodeIssue(MESSAGES, "labels", "labels-many", { labels: s.labels.length, branches: s.branches })] : []),
  // The regions, and where the state goes once they are done, are structure the compiler adds.
  structure: { kind: "parallel", stop: "stop" },
  compile: () => ({ type: "parallel" }),
  actions: {
    /**
     * Leaving before every branch is done (a Join in `first` mode): the other branches' parked
     * keys are dropped, so their late timers, replies and task completions match no guard.
     */
    stop: action<ParallelStop>((context, _event, p) => {
      const nodeIds = p.nodeIds;
      const keys = nodeIds.flatMap((nodeId) => parkedKeys(context, nodeId));
      const openTasks = (context.openTasks ?? []).filter((t) => !nodeIds.includes(t.nodeId));
      const released = { ...keys.reduce(unpark, context), openTasks };
      const abandoned = keys.map((k) => context.waits[k]);
      // Their timers and operator tasks are cancelled too, so nobody works on a branch that no longer counts.
      return abandoned.length ? emit(released, { kind: "wait.abandon", nodeId: p.parallelId, keys: abandoned }) : released;
    }),
  },
  examples: [
    { name: "Operator and customer at once", settings: { branches: 2, labels: ["Operator", "Customer"] } },
    { name: "Three checks", settings: { branches: 3 } },
  ],
});

/** A node's parking spots: its own and its suffixed ones (`<node>#sla`). */
const parkedKeys = (context: FlowContext, nodeId: string) => Object.keys(context.waits).filter((key) => key === nodeId || key.startsWith(`${nodeId}#`));
