import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { instanceRow, openTestEngine, publishFlow, type TestEngine, useTempDb } from "../../engine/testing/test-engine";

const SECRET = "sk_live_TESTSECRET123";
const at = { x: 0, y: 0 };

/** A flow that calls the CRM with `credential` and tells the customer what it answered (or that it failed). */
const flow = (credential: string, crm = "http://127.0.0.1:9"): FlowDocument => ({
  nodes: [
    { id: "t", type: "trigger.message-received", position: at, settings: {} },
    {
      id: "call",
      type: "data.http-request",
      position: at,
      settings: { url: `${crm}/orders/42`, credential, mapping: ["orderStatus = status"], retries: 0 },
    },
    { id: "ok", type: "message.send", position: at, settings: { text: "Your order is {{vars.orderStatus}}." } },
    { id: "ko", type: "message.send", position: at, settings: { text: "Sorry ({{vars.httpError}})." } },
    { id: "end", type: "flow.end", position: at, settings: {} },
  ],
  edges: [
    { id: "1", source: "t", sourcePort: "out", target: "call" },
    { id: "2", source: "call", sourcePort: "success", target: "ok" },
    { id: "3", source: "call", sourcePort: "error", target: "ko" },
    { id: "4", source: "ok", sourcePort: "out", target: "end" },
    { id: "5", source: "ko", sourcePort: "out", target: "end" },
  ],
});

/** A CRM on a local port (allow-listed for these tests) that answers every request and records the headers it was sent. */
const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));
async function recordingCrm() {
  const sent: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    sent.push(req.headers);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "shipped" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => server.close());
  return { sent, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
const outbound = { allow: ["127.0.0.1"] };

/** Every byte SQLite wrote for this database: the file, and its WAL if one is left. */
const rawBytes = (file: string) => [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString("latin1"));

async function runCustomerMessage(t: TestEngine) {
  const { instanceId } = await t.engine.receive("webchat", { visitorId: "v1", messageId: "m1", text: "where is my order?" });
  await t.engine.dispatch();
  return instanceId!;
}

describe("credentials in their own store", () => {
  const tmp = useTempDb("omniflow-creds-");

  it("sends the secret to the API at perform time, and nowhere else: not the database, its WAL, the export or the views", async () => {
    const crm = await recordingCrm();
    const t = openTestEngine(tmp.file, { outbound });
    const { id: credentialId } = t.engine.credentials.create({ name: "CRM token", kind: "bearer", value: SECRET });
    const { flowId, versionId } = await publishFlow(t.engine, "Order status", flow(credentialId, crm.url));
    const instanceId = await runCustomerMessage(t);

    expect(crm.sent.map((h) => h.authorization)).toEqual([`Bearer ${SECRET}`]);
    expect(t.channel.texts()).toEqual(["Your order is shipped."]);
    const views = [
      await t.engine.flows.exportFlow(flowId),
      await t.engine.flows.version(versionId),
      await t.engine.instances.get(instanceId),
      await t.engine.instances.list(flowId),
      t.engine.credentials.list(),
    ];
    expect(JSON.stringify(views)).not.toContain("TESTSECRET");
    for (const bytes of rawBytes(tmp.file)) expect(bytes).not.toContain("TESTSECRET");
    await t.engine.close();

    const written = rawBytes(tmp.file);
    expect(written.join("")).toContain("Your order is shipped."); // the bytes read are the ones the run wrote
    for (const bytes of written) expect(bytes).not.toContain("TESTSECRET");
    expect(statSync(`${tmp.file}.key`).mode & 0o777).toBe(0o600);
  });

  it("fails the request for good, with a clear reason, when the credential no longer exists", async () => {
    const crm = await recordingCrm();
    const t = openTestEngine(tmp.file, { outbound });
    await publishFlow(t.engine, "Order status", flow("removed-credential", crm.url));
    const instanceId = await runCustomerMessage(t);
    expect(crm.sent).toEqual([]);
    expect(t.channel.texts()).toEqual(["Sorry (the credential removed-credential no longer exists: choose another one in the node's settings)."]);
    expect(instanceRow(t.engine, instanceId).status).toBe("completed");
    await t.engine.close();
  });

  it("refuses to start with a secret key other than the one the database was sealed with", async () => {
    const first = openTestEngine(tmp.file);
    first.engine.credentials.create({ name: "CRM token", kind: "bearer", value: SECRET });
    await first.engine.close();
    const keyFile = `${tmp.file}.key`;
    const rightKey = readFileSync(keyFile);

    writeFileSync(keyFile, `${Buffer.alloc(32, 9).toString("base64")}\n`);
    expect(() => openTestEngine(tmp.file)).toThrow(/is not the key this database's credentials were sealed with/);

    writeFileSync(keyFile, rightKey);
    const again = openTestEngine(tmp.file);
    expect(again.engine.credentials.list().map((c) => c.name)).toEqual(["CRM token"]);
    await again.engine.close();
  });
});
