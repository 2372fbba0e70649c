/**
 * tRPC server setup.
 * 1. CONTEXT: the engine façade, the only thing procedures call.
 * 2. INITIALISATION: superjson, and an error shape that carries engine errors to the UI readably:
 *    an input error keeps its English `message` and adds `data.engineError` ({ code, params }), which
 *    the UI renders in the reader's language.
 * 3. PROCEDURES: the base procedure, which maps engine errors to BAD_REQUEST.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { ErrorParams } from "@/engine/contracts/error-texts";
import { isAccessDeniedError, isEngineInputError, isFlowInvalidError, isZodError } from "@/engine/contracts/errors";
import type { FlowIssue } from "@/engine/contracts/flow";
import { engine } from "./engine";

// 1. CONTEXT
export const createContext = () => ({ engine: engine() });
export type Context = ReturnType<typeof createContext>;

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
        fields: isZodError(cause) ? cause.issues.map((i) => ({ field: i.path.join("."), message: i.message })) : null,
      },
    };
  },
});

// 3. PROCEDURES
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
export const procedure = t.procedure.use(engineErrors);
