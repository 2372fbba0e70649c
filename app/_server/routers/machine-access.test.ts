import { describe, expect, it } from "vitest";
import { useTestEngine } from "@/engine/testing/test-engine";
import { callerAs } from "../caller";

describe("tRPC: web chat visitors and API keys", () => {
  const t = useTestEngine();
  const caller = () => callerAs(t.engine, null);
  const admin = () => callerAs(t.engine, "admin");

  it("webchat.messages and webchat.send need the visitor's own token (UNAUTHORIZED otherwise)", async () => {
    const alice = await caller().webchat.newVisitor();
    const mallory = await caller().webchat.newVisitor();
    await caller().webchat.send({ token: alice.token, text: "my address is 1 Main St" });
    const own = await caller().webchat.messages({ token: alice.token });
    expect(own.messages.map((m) => m.text)).toEqual(["my address is 1 Main St"]);
    expect((await caller().webchat.messages({ token: mallory.token })).messages).toEqual([]);
    for (const token of [alice.visitorId, `${alice.visitorId}.${mallory.token.split(".")[1]}`]) {
      await expect(caller().webchat.messages({ token })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
      await expect(caller().webchat.send({ token, text: "hi, it's alice" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
  });

  it("apiKeys: create returns the key once, list never shows it, revoke marks it", async () => {
    const created = await admin().apiKeys.create({ name: "CRM", scopes: ["events", "hooks:order-shipped"] });
    expect(created.key).toMatch(/^omf_/);
    const [listed] = await admin().apiKeys.list();
    expect(listed).toMatchObject({ id: created.id, scopes: ["events", "hooks:order-shipped"], revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.key);
    await admin().apiKeys.revoke({ keyId: created.id });
    expect((await admin().apiKeys.list())[0].revokedAt).toBeInstanceOf(Date);
    await expect(admin().apiKeys.create({ name: "x", scopes: ["admin"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
