import { type EngineErrorCode, type ErrorParams, type ErrorParamsOf, englishErrorText } from "./error-texts";
import type { FlowIssue } from "./flow";

/**
 * Errors the engine raises for bad input. They are recognised by `name`, not `instanceof`: the
 * web app's bundle and server.ts load separate copies of these classes in one process.
 * Each is a `code` with `params`; `message` is its English text (engine/contracts/error-texts.ts),
 * which `errorText` renders in the reader's language. `field` names the input at fault.
 */
export class EngineInputError<C extends EngineErrorCode = EngineErrorCode> extends Error {
  override name = "EngineInputError";
  readonly params: ErrorParams;
  constructor(
    readonly code: C,
    params: ErrorParamsOf<C>,
    readonly field?: string,
  ) {
    super(englishErrorText(code, params));
    this.params = params as ErrorParams;
  }
}

/**
 * An input error by code: `throw inputError("task.not-found", { taskId }, "taskId")`.
 * The English message comes from the one table of texts.
 */
export const inputError = <C extends EngineErrorCode>(code: C, params: ErrorParamsOf<C>, field?: string) => new EngineInputError(code, params, field);

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
