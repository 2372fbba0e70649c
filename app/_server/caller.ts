import type { Role } from "@/engine/contracts/access";
import type { Engine } from "@/engine/index";
import { appRouter } from "./root";
import { createCallerFactory } from "./trpc";

const createCaller = createCallerFactory(appRouter);

/**
 * The router called in-process as someone of `role` (null: not signed in), for tests and scripts.
 * The person is `operatorId` when given (they must exist on the staff list for task procedures).
 */
export function callerAs(engine: Engine, role: Role | null, operatorId = `test-${role}`) {
  const user = role && { id: operatorId, name: `Test ${role}`, email: `${operatorId}@omniflow.test`, role, language: null, sessionId: "test-session" };
  return createCaller({ engine, user, requestId: "test-request", ip: "127.0.0.1" });
}
