/**
 * Nodes that shape the machine beyond their own state (Run in parallel, Join, End) declare it on
 * their spec (`structure`); the compiler reads the declaration, never the node types.
 */

export const JOIN_MODES = ["all", "first"] as const;
/** `all`: continue once every branch has arrived; `first`: once the first one has, stopping the others. */
export type JoinMode = (typeof JOIN_MODES)[number];

/** What a parallel's stop action is handed when a `first` Join leaves before every branch is done. */
export type ParallelStop = { parallelId: string; nodeIds: string[] };

/** The names of the actions in `A` that take `P`. */
type ActionsTaking<A, P> = { [N in keyof A & string]: A[N] extends (context: never, event: never, params: P) => unknown ? N : never }[keyof A & string];

export type NodeStructure<S, A> =
  /**
   * Runs its output ports as branches at the same time, each nested in a region of a parallel
   * state; a branch ends where it is wired into a Join. `stop` names the action that drops the
   * other branches' waits when the Join leaves early.
   */
  | { kind: "parallel"; stop: ActionsTaking<A, ParallelStop> }
  /** Where the branches of one parallel meet; the flow continues from here once. */
  | { kind: "join"; mode(settings: S): JoinMode }
  /** Finishes the flow; not allowed inside a branch. */
  | { kind: "end" };

export type StructureKind = NodeStructure<never, never>["kind"];
