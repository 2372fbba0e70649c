import { type EngineErrorCode, type ErrorParams, type ErrorParamsOf, englishErrorText, isEngineErrorCode } from "./error-texts";
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

/**
 * An error of class `Kind` worded by code, like an input error: `message` is the English text (what the
 * outbox, logs and API keep) and `code` + `params` let `errorText` word it for a person. For a channel's
 * words around what its provider said, whose class its handler reads (`RequestRefused` fails a send at once):
 *
 * @example
 * throw wordedError(RequestRefused, "email.smtp-refused", { said: "550 5.1.1 User unknown" });
 */
export function wordedError<E extends Error, C extends EngineErrorCode>(
  Kind: new (message: string) => E,
  code: C,
  params: ErrorParamsOf<C>,
): E & { code: C; params: ErrorParams } {
  return Object.assign(new Kind(englishErrorText(code, params)), { code, params: params as ErrorParams });
}

/** A caught error as data a page can word (`errorText`): its English message, and its code and params when it has them. */
export type ErrorWords = { message: string; code: EngineErrorCode | null; params: ErrorParams | null };

/** What `errorText` needs of a caught error, plain enough to cross tRPC (a library's error codes are not ours, so they are dropped). */
export function errorWords(error: unknown): ErrorWords {
  if (!(error instanceof Error)) return { message: String(error), code: null, params: null };
  const { code, params } = error as Error & { code?: unknown; params?: ErrorParams };
  return isEngineErrorCode(code) && params ? { message: error.message, code, params } : { message: error.message, code: null, params: null };
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

/** The access refusals, each with the HTTP status and machine-readable code a caller gets. */
const ACCESS_REFUSALS = {
  "access.missing-credentials": [401, "missing_credentials"],
  "access.invalid-key": [401, "invalid_credentials"],
  "access.key-revoked": [401, "key_revoked"],
  "access.invalid-signature": [401, "invalid_signature"],
  "access.signature-expired": [401, "signature_expired"],
  "access.visitor-token": [401, "invalid_visitor_token"],
  "access.scope": [403, "scope_not_granted"],
} as const satisfies Partial<Record<EngineErrorCode, readonly [401 | 403, string]>>;
type AccessCode = keyof typeof ACCESS_REFUSALS;

/**
 * A call refused for who made it: no valid credentials (401) or not allowed to call this (403).
 * `reason` is the machine-readable code an HTTP caller gets; `message` and `params` as for input errors.
 */
export class AccessDeniedError<C extends AccessCode = AccessCode> extends Error {
  override name = "AccessDeniedError";
  readonly params: ErrorParams;
  readonly status: 401 | 403;
  readonly reason: string;
  constructor(
    readonly code: C,
    params: ErrorParamsOf<C>,
  ) {
    super(englishErrorText(code, params));
    this.params = params as ErrorParams;
    [this.status, this.reason] = ACCESS_REFUSALS[code];
  }
}

export const accessDenied = <C extends AccessCode>(code: C, params: ErrorParamsOf<C>) => new AccessDeniedError(code, params);

/**
 * Nothing was accepted because the store could not take it now: another process held the write
 * lock (or the disk failed) for longer than a caller should wait, or the commit queue is full.
 * Nothing was written; the same call later succeeds (HTTP: 503 with Retry-After).
 */
type StoreUnavailableCode = "store.busy" | "store.overloaded" | "store.unsynced";
export class StoreUnavailableError<C extends StoreUnavailableCode = StoreUnavailableCode> extends Error {
  override name = "StoreUnavailableError";
  readonly params: ErrorParams;
  constructor(
    readonly code: C,
    params: ErrorParamsOf<C>,
    readonly retryAfterSeconds: number,
  ) {
    super(englishErrorText(code, params));
    this.params = params as ErrorParams;
  }
}

export const isEngineInputError = (e: unknown): e is EngineInputError => e instanceof Error && e.name === "EngineInputError";
export const isAccessDeniedError = (e: unknown): e is AccessDeniedError => e instanceof Error && e.name === "AccessDeniedError";
export const isStoreUnavailableError = (e: unknown): e is StoreUnavailableError => e instanceof Error && e.name === "StoreUnavailableError";
export const isFlowInvalidError = (e: unknown): e is FlowInvalidError => e instanceof Error && e.name === "FlowInvalidError";
export const isZodError = (e: unknown): e is Error & { issues: { code: string; path: PropertyKey[]; message: string }[] } =>
  e instanceof Error && e.name === "ZodError";
