import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { allows, PROCEDURE_POLICY, ROLES, type Role } from "@/engine/contracts/access";
import { useTestEngine } from "@/engine/testing/test-engine";
import { callerAs } from "./caller";
import { appRouter } from "./root";

/** Every procedure the router serves, by path ("flows.publish"), read from the router itself. */
const PROCEDURES = Object.keys(appRouter._def.procedures).sort();
const CALLERS: (Role | null)[] = [null, ...ROLES];

/** Calls `path` as `role` with an empty input; returns how the policy answered (refusals by the policy have its own messages). */
async function answer(engine: Parameters<typeof callerAs>[0], role: Role | null, path: string): Promise<"refused" | "passed"> {
  const [group, name] = path.split(".");
  const caller = callerAs(engine, role) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  try {
    await caller[group][name]({});
    return "passed";
  } catch (error) {
    const refused = error instanceof TRPCError && ["Sign in first.", "Your role may not do this."].includes(error.message);
    if (refused) expect(error.code).toBe(role === null ? "UNAUTHORIZED" : "FORBIDDEN");
    return refused ? "refused" : "passed"; // a bad input, a missing row: the call got past the policy
  }
}

describe("authorization matrix: every procedure, called anonymously and as each role, against the policy table", () => {
  const t = useTestEngine();

  it("names every procedure in the policy table, and nothing that is not a procedure", () => {
    expect(PROCEDURES.filter((path) => !(path in PROCEDURE_POLICY))).toEqual([]);
    expect(Object.keys(PROCEDURE_POLICY).filter((path) => !PROCEDURES.includes(path))).toEqual([]);
  });

  it.each(PROCEDURES)("%s: refuses exactly the callers the table does not name", async (path) => {
    for (const role of CALLERS) {
      const expected = allows(PROCEDURE_POLICY[path], role) ? "passed" : "refused";
      expect({ role, path, answer: await answer(t.engine, role, path) }).toEqual({ role, path, answer: expected });
    }
  });

  it("writes one audit row per mutation and per refused call: who, in which role, what, on what, how it ended", async () => {
    await t.engine.staff.ensure({ id: "sam", name: "Sam", email: "sam@example.test", role: "supervisor", skills: [] });
    await expect(callerAs(t.engine, "supervisor", "sam").flows.delete({ flowId: "f-1" })).rejects.toThrow("Your role may not do this.");
    await callerAs(t.engine, "owner", "olivia").flows.create({ name: "Refunds" });
    const [created, denied] = t.engine.audit.list({}).rows;
    expect(denied).toMatchObject({ actorId: "sam", role: "supervisor", action: "flows.delete", targetType: "flow", targetId: "f-1", outcome: "denied" });
    expect(created).toMatchObject({ actorId: "olivia", role: "owner", action: "flows.create", outcome: "ok", requestId: "test-request", targetType: "flow" });
    expect(created.targetId).toMatch(/\S/); // the new flow's id, from what the call returned
    expect(t.engine.audit.verify()).toMatchObject({ ok: true });
  });

  it("refuses a procedure missing from the table for everyone, admins included (default deny)", () => {
    expect(allows(undefined, "admin")).toBe(false);
    expect(allows(undefined, null)).toBe(false);
  });
});
