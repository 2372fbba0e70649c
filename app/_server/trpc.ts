/**
 * tRPC server setup.
 * 1. CONTEXT: the engine façade, the only thing procedures call, and who is signed in.
 * 2. INITIALISATION: superjson, and an error shape that carries engine errors to the UI readably:
 *    an input error keeps its English `message` and adds `data.engineError` ({ code, params }), which
 *    the UI renders in the reader's language.
 * 3. PROCEDURES: the base procedure checks the caller against the policy table (default deny) and
 *    maps engine errors to BAD_REQUEST.
 */
import { randomUUID } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import { allows, CLIENT_IP_HEADER, PROCEDURE_POLICY } from "@/engine/contracts/access";
import superjson from "superjson";
import type { ErrorParams } from "@/engine/contracts/error-texts";
import { isAccessDeniedError, isEngineInputError, isFlowInvalidError, isZodError } from "@/engine/contracts/errors";
import { type FieldIssue, fieldIssue } from "@/engine/contracts/field-issues";
import type { FlowIssue } from "@/engine/contracts/flow";
import type { Engine, SignedIn } from "@/engine/index";
import { auditDetail, reportsFailure } from "./audit-detail";
import { engine } from "./engine";

// 1. CONTEXT
export type Context = { engine: Engine; user: SignedIn | null; requestId: string; ip: string | null };
export const createContext = async ({ req }: { req: Request }): Promise<Context> => {
  const running = engine();
  const user = await running.signIn.session(req.headers);
  return { engine: running, user, requestId: randomUUID(), ip: req.headers.get(CLIENT_IP_HEADER) };
};

// 2. INITIALISATION
const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        issues: isFlowInvalidError(cause) ? cause.issues : (null as FlowIssue[] | null),
        engineError:
          isEngineInputError(cause) || isAccessDeniedError(cause)
            ? { code: cause.code as string, params: cause.params }
            : (null as { code: string; params: ErrorParams } | null),
        fields: isZodError(cause) ? cause.issues.map(fieldIssue) : (null as FieldIssue[] | null),
      },
    };
  },
});

// 3. PROCEDURES
/** The id fields an input may name its target by, most specific first. */
const TARGET_FIELDS = ["taskId", "flowId", "versionId", "instanceId", "customerId", "credentialId", "keyId", "notificationId", "id"];

/** What a bare `id` names, by router (the audit page words each kind in the reader's language). */
const ID_OF: Record<string, string> = { flows: "flow", credentials: "credential", apiKeys: "key", customers: "customer" };

function targetOf(path: string, input: unknown) {
  const fields = (input ?? {}) as Record<string, unknown>;
  const field = TARGET_FIELDS.find((name) => typeof fields[name] === "string");
  return field
    ? { type: field === "id" ? (ID_OF[path.split(".")[0]] ?? "item") : field.replace(/Id$/, ""), id: String(fields[field]).slice(0, 128) }
    : undefined;
}

/** One audit row per mutation and per refused call: who, in which role, what, on what, how it ended. */
/** `created`: what a successful call returned, whose id names the target when the input had none (a new flow, key, credential). */
function audit(ctx: Context, path: string, input: unknown, outcome: "ok" | "denied" | "failed", created?: unknown) {
  ctx.engine.audit.record({
    actor: ctx.user ? { kind: "user", id: ctx.user.id, name: ctx.user.name } : { kind: "anonymous" },
    role: ctx.user?.role,
    action: path,
    target: targetOf(path, input) ?? targetOf(path, created),
    outcome,
    detail: auditDetail(input),
    requestId: ctx.requestId,
    ip: ctx.ip ?? undefined,
  });
}

/** Every call passes the policy table: unknown procedures are refused, as is anyone the entry does not name. */
const policy = t.middleware(async ({ ctx, path, type, getRawInput, next }) => {
  const access = PROCEDURE_POLICY[path];
  if (allows(access, ctx.user?.role ?? null)) {
    const result = await next();
    const failed = !result.ok || reportsFailure(result.data);
    if (type === "mutation") audit(ctx, path, await getRawInput(), failed ? "failed" : "ok", result.ok ? result.data : undefined);
    return result;
  }
  audit(ctx, path, await getRawInput().catch(() => null), "denied");
  if (!ctx.user && access !== undefined) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  throw new TRPCError({ code: "FORBIDDEN", message: "Your role may not do this." });
});

const engineErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isZodError(cause)) {
      const message = cause.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
      throw new TRPCError({ code: "BAD_REQUEST", message, cause });
    }
    if (isAccessDeniedError(cause)) {
      throw new TRPCError({ code: cause.status === 401 ? "UNAUTHORIZED" : "FORBIDDEN", message: cause.message, cause });
    }
    if (isEngineInputError(cause) || isFlowInvalidError(cause)) {
      throw new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
    }
  }
  return result;
});

export const router = t.router;
export const procedure = t.procedure.use(policy).use(engineErrors);

/** A procedure whose caller is signed in (the policy names roles): `ctx.user` is set. */
export const staffProcedure = procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  return next({ ctx: { user: ctx.user } });
});

export const createCallerFactory = t.createCallerFactory;
