import { describe, expect, it } from "vitest";
import { chat, useTestEngine } from "../../engine/testing/test-engine";

const t = useTestEngine();

describe("the customer directory", () => {
  it("finds customers by name, address or id, a page at a time, newest first", async () => {
    const ann = await t.engine.receive("webchat", chat("ann-visitor", "m1", "hi", "Ann Smith"));
    t.clock.advance(1000);
    await t.engine.receive("webchat", chat("bob-visitor", "m2", "hi", "Bob"));
    t.clock.advance(1000);
    await t.engine.receive("webchat", chat("carl-visitor", "m3", "hi"));

    const all = await t.engine.customers.search({});
    expect(all.total).toBe(3);
    expect(all.customers.map((c) => c.name)).toEqual([null, "Bob", "Ann Smith"]);
    expect((await t.engine.customers.search({ query: "smith" })).customers.map((c) => c.name)).toEqual(["Ann Smith"]);
    expect((await t.engine.customers.search({ query: "carl-vis" })).customers[0].identities).toEqual([{ channel: "webchat", address: "carl-visitor" }]);
    expect((await t.engine.customers.search({ query: ann.customerId! })).customers.map((c) => c.id)).toEqual([ann.customerId]);
    const second = await t.engine.customers.search({ page: 1, pageSize: 2 });
    expect(second).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(second.customers.map((c) => c.name)).toEqual(["Ann Smith"]);
  });

  it("refuses pages too large and queries too long", async () => {
    await expect(t.engine.customers.search({ pageSize: 51 })).rejects.toThrow();
    await expect(t.engine.customers.search({ query: "x".repeat(201) })).rejects.toThrow();
    await expect(t.engine.customers.get("nobody")).rejects.toThrow(/customer nobody not found/);
  });

  it("shows how much is held about a customer, and when it was erased", async () => {
    const ann = await t.engine.receive("webchat", chat("ann-visitor", "m1", "hi", "Ann"));
    expect(await t.engine.customers.get(ann.customerId!)).toMatchObject({
      name: "Ann",
      erasedAt: null,
      identities: [{ channel: "webchat", address: "ann-visitor" }],
      counts: { conversations: 1, messages: 1, tasks: 0, cases: 0, instances: 0 },
    });
    t.engine.privacy.eraseCustomer(ann.customerId!, "ann");
    const erased = await t.engine.customers.get(ann.customerId!);
    expect(erased).toMatchObject({ name: null, identities: [], fields: {}, counts: { conversations: 1, messages: 1 } });
    expect(erased.erasedAt).toBeInstanceOf(Date);
  });
});
