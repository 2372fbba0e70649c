import { describe, expect, it } from "vitest";
import { useTestEngine } from "../../engine/testing/test-engine";
import { seedStaff } from "../../prisma/seed";
import { DEMO_STAFF } from "../../prisma/seed-staff";

describe("the demo's staff, seeded on every start", () => {
  const t = useTestEngine();
  const ids = DEMO_STAFF.map((m) => m.id);

  it("are known to exist with a password from one read of the engine's connection, and seeded only when one is missing", async () => {
    const [first] = DEMO_STAFF;
    expect(t.engine.staff.withPassword(ids)).toEqual(new Set());
    await t.engine.staff.ensure({ ...first, skills: [...first.skills] }); // there, but cannot sign in yet
    expect(t.engine.staff.withPassword(ids)).toEqual(new Set());
    await seedStaff(t.engine);
    expect(t.engine.staff.withPassword([...ids, "nobody"])).toEqual(new Set(ids));
    expect(await t.engine.signIn.hasPassword(first.id)).toBe(true);
    await seedStaff(t.engine); // a restart: nothing missing, nothing written
    expect((await t.engine.staff.list()).map((m) => m.id).toSorted()).toEqual(ids.toSorted());
  });
});
