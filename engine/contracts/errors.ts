import type { FlowIssue } from "./flow";

/**
 * Errors the engine raises for bad input. They are recognised by `name`, not `instanceof`: the
 * web app's bundle and server.ts load separate copies of these classes in one process.
 */
export class EngineInputError extends Error {
  override name = "EngineInputError";
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A publish or import refused; `issues` say why, node by node. */
export class FlowInvalidError extends Error {
  override name = "FlowInvalidError";
  constructor(readonly issues: FlowIssue[]) {
    super(
      `The flow has ${issues.length} problem${issues.length === 1 ? "" : "s"}: ${issues
        .map((i) => i.message)
        .slice(0, 3)
        .join(" ")}`,
    );
  }
}

export const isEngineInputError = (e: unknown): e is EngineInputError => e instanceof Error && e.name === "EngineInputError";
export const isFlowInvalidError = (e: unknown): e is FlowInvalidError => e instanceof Error && e.name === "FlowInvalidError";
export const isZodError = (e: unknown): e is Error & { issues: { path: PropertyKey[]; message: string }[] } => e instanceof Error && e.name === "ZodError";
