import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDb, type TempDb } from "../testing/temp-db";
import { openStore, type Store } from "../store/index";
import { credentialHeaders } from "./apply";
import { createCredentialService, type CredentialService } from "./credential-service";
import { createSecretBox } from "./secret-box";

const SECRET = "sk_live_TESTSECRET123";
let tmp: TempDb;
let store: Store;
let credentials: CredentialService;

beforeEach(() => {
  tmp = tempDb("omniflow-credentials-");
  store = openStore(tmp.file);
  credentials = createCredentialService(store.credentials, createSecretBox(Buffer.alloc(32, 7)), store.flows, () => Date.parse("2026-12-02T10:00:00Z"));
});
afterEach(async () => {
  await store.close();
  tmp.remove();
});

/** A flow whose latest published version has an HTTP request node naming `credential` (or none). */
async function publishUsing(name: string, credential?: string, flowId?: string) {
  const graph = JSON.stringify({
    nodes: [
      { id: "call", type: "data.http-request", position: { x: 0, y: 0 }, settings: { url: "https://api.example.com", ...(credential && { credential }) } },
    ],
    edges: [],
  });
  const id = flowId ?? (await store.flows.create(name, graph));
  store.flows.publish(id, graph, "{}", Date.now());
  return id;
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string; name: string }).code ?? (error as Error).name;
  }
  return "no error";
};

describe("credentials service", () => {
  it("lists name, kind and hint but never the value, and reveals it only through reveal()", () => {
    const created = credentials.create({ name: "CRM token", kind: "bearer", value: SECRET });
    expect(created).toMatchObject({ name: "CRM token", kind: "bearer", hint: "…T123", headerName: null });
    expect(JSON.stringify(credentials.list())).not.toContain("TESTSECRET");
    expect(JSON.stringify(created)).not.toContain("TESTSECRET");
    expect(credentials.reveal(created.id)).toEqual({ kind: "bearer", headerName: null, value: SECRET });
  });

  it("gives short values no hint: four characters of a short secret are too much of it", () => {
    expect(credentials.create({ name: "pin", kind: "bearer", value: "12345678" }).hint).toBe("");
  });

  it("applies each kind as its header", () => {
    expect(credentialHeaders({ kind: "bearer", headerName: null, value: "t" })).toEqual({ authorization: "Bearer t" });
    expect(credentialHeaders({ kind: "header", headerName: "X-Api-Key", value: "k" })).toEqual({ "x-api-key": "k" });
    expect(credentialHeaders({ kind: "basic", headerName: null, value: "ann:pw" })).toEqual({ authorization: `Basic ${btoa("ann:pw")}` });
  });

  it("refuses bad input with clear errors", () => {
    credentials.create({ name: "CRM", kind: "bearer", value: SECRET });
    expect(codeOf(() => credentials.create({ name: "crm", kind: "bearer", value: "x" }))).toBe("credential.name-taken");
    expect(codeOf(() => credentials.create({ name: "Key", kind: "header", value: "x" }))).toBe("credential.header-name-missing");
    expect(codeOf(() => credentials.create({ name: "Login", kind: "basic", value: "no-colon" }))).toBe("credential.basic-format");
    expect(codeOf(() => credentials.create({ name: "Long", kind: "bearer", value: "x".repeat(4097) }))).toBe("ZodError");
    expect(codeOf(() => credentials.create({ name: "Smuggle", kind: "bearer", value: "t\r\nX-Admin: 1" }))).toBe("ZodError");
    expect(codeOf(() => credentials.create({ name: " ", kind: "bearer", value: "t" }))).toBe("ZodError");
    expect(codeOf(() => credentials.replace({ id: "nope", value: "t" }))).toBe("credential.not-found");
  });

  it("replaces a value (a rotated token) and renames without touching it", () => {
    const { id } = credentials.create({ name: "CRM", kind: "bearer", value: SECRET });
    expect(credentials.replace({ id, value: "sk_live_ROTATED999" }).hint).toBe("…D999");
    expect(credentials.rename({ id, name: "CRM (prod)" }).name).toBe("CRM (prod)");
    expect(credentials.reveal(id)?.value).toBe("sk_live_ROTATED999");
  });

  it("refuses removal while a published flow uses it, and allows it once the flow is republished without it", async () => {
    const { id } = credentials.create({ name: "CRM", kind: "bearer", value: SECRET });
    const flowId = await publishUsing("Order status", id);
    await expect(credentials.remove(id)).rejects.toMatchObject({ code: "credential.in-use", params: { name: "CRM", flows: "Order status" } });
    await publishUsing("Order status", undefined, flowId);
    await credentials.remove(id);
    expect(credentials.list()).toEqual([]);
    expect(credentials.reveal(id)).toBeUndefined();
  });

  it("does not open a sealed value moved onto another credential's row", () => {
    const a = credentials.create({ name: "A", kind: "bearer", value: SECRET });
    const b = credentials.create({ name: "B", kind: "bearer", value: "sk_live_OTHER00000" });
    const sealedA = store.credentials.sealed(a.id)!.sealed;
    store.credentials.reseal(b.id, sealedA, "", Date.now());
    expect(() => credentials.reveal(b.id)).toThrow(/could not be decrypted/);
  });
});
