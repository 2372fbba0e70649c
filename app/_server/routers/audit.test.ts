import { describe, expect, it } from "vitest";
import { useTestEngine } from "@/engine/testing/test-engine";
import { callerAs } from "../caller";

const t = useTestEngine();
const caller = () => callerAs(t.engine, "admin");

describe("audit router", () => {
  it("lists with filters, exports the same rows as a file and verifies the chain", async () => {
    t.engine.audit.record({ actor: { kind: "user", id: "u1", name: "Ann" }, action: "flows.publish", target: { type: "flow", id: "f1" }, outcome: "ok" });
    t.engine.audit.record({ actor: { kind: "anonymous" }, action: "auth.sign-in-failed", outcome: "failed" });
    const page = await caller().audit.list({ outcome: "failed", limit: 10 });
    expect(page.rows.map((r) => r.action)).toEqual(["auth.sign-in-failed"]);
    const file = await caller().audit.export({ action: "flows", format: "csv" });
    expect(file.text.trim().split("\r\n")).toHaveLength(2);
    expect(await caller().audit.verify()).toEqual(expect.objectContaining({ ok: true, rows: 2 }));
  });

  it("refuses a page over 200 rows and an unknown outcome as bad requests", async () => {
    await expect(caller().audit.list({ limit: 500 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller().audit.list({ outcome: "maybe" as "ok" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
