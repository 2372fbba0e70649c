/**
 * One customer across channels, through real SQLite: phone numbers and e-mails are one identity
 * whatever channel or formatting they come in; an identifier a chat yields that another customer
 * holds raises a merge suggestion; accepting merges, splitting restores exactly; erasure reaches
 * customers merged in; the timeline pages across channels.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { InboundMessage } from "../../engine/channels/channel";
import type { Engine } from "../../engine/index";
import { closeTestDbs, testDb } from "../../engine/testing/test-db";
import { chat, countRows, openTestEngine, useTempDb, useTestEngine } from "../../engine/testing/test-engine";

let seq = 0;
/** A customer message as a channel adapter hands it to the engine. */
const from = (channel: InboundMessage["channel"], address: string, text = "hello", name: string | null = null): InboundMessage => ({
  channel,
  providerMessageId: `p-${++seq}`,
  address,
  name,
  text,
});

const identities = (engine: Engine, customerId: string) =>
  testDb(engine).prepare(`SELECT channel, address, kind, value FROM "CustomerIdentity" WHERE customerId = ? ORDER BY createdAt, id`).all(customerId);

/** What a merge moves and a split must restore: who owns each row, and each customer's name and fields. */
function ownership(engine: Engine) {
  const db = testDb(engine);
  const owners = (table: string) => db.prepare(`SELECT id, customerId FROM "${table}" ORDER BY id`).all();
  return {
    identities: owners("CustomerIdentity"),
    conversations: owners("Conversation"),
    cases: owners("Case"),
    customers: db.prepare(`SELECT id, name, fields, mergedIntoId FROM "Customer" ORDER BY id`).all(),
  };
}

describe("the same phone on SMS, WhatsApp and voice", () => {
  const t = useTestEngine();

  it("is one customer whatever the formatting (region US)", async () => {
    const sms = await t.engine.ingest(from("sms", "+1 415 555 0100", "hi", "Ann Lee"));
    const whatsapp = await t.engine.ingest(from("whatsapp", "14155550100"));
    const call = await t.engine.ingest(from("phone", "(415) 555-0100"));
    const again = await t.engine.ingest(from("sms", "+14155550100"));
    expect(new Set([sms.customerId, whatsapp.customerId, call.customerId, again.customerId]).size).toBe(1);
    expect(countRows(t.engine, "Customer")).toBe(1);
    expect(identities(t.engine, sms.customerId!)).toEqual(
      ["sms", "whatsapp", "phone"].map((channel) => ({ channel, address: "+14155550100", kind: "phone", value: "+14155550100" })),
    );
    // One conversation per channel, each addressed in E.164 (what the providers send to).
    const conversations = testDb(t.engine).prepare(`SELECT channel, address FROM "Conversation" ORDER BY createdAt, channel`).all();
    expect(conversations).toEqual(
      expect.arrayContaining([
        { channel: "sms", address: "+14155550100" },
        { channel: "whatsapp", address: "+14155550100" },
      ]),
    );
    expect(sms.conversationId).toBe(again.conversationId);
  });

  it("reads numbers without a country code in the default region setting", async () => {
    expect(() => t.engine.settings.set("identity.defaultRegion", "XX")).toThrow(/not an ISO 3166 country code/);
    expect(() => t.engine.settings.set("identity.defaultRegion", "Russia")).toThrow(/two letters/);
    expect(t.engine.settings.set("identity.defaultRegion", "ru")).toBe("RU");
    const sms = await t.engine.ingest(from("sms", "8 916 123-45-67"));
    const whatsapp = await t.engine.ingest(from("whatsapp", "+79161234567"));
    expect(whatsapp.customerId).toBe(sms.customerId);
    expect(identities(t.engine, sms.customerId!)).toContainEqual({ channel: "sms", address: "+79161234567", kind: "phone", value: "+79161234567" });
  });

  it("keeps a sender that is no phone number (an alphanumeric id) per channel, and messenger ids per channel", async () => {
    const shop = await t.engine.ingest(from("sms", "ACME"));
    const tg = await t.engine.ingest(from("telegram", "14155550100"));
    const sms = await t.engine.ingest(from("sms", "+14155550100"));
    expect(new Set([shop.customerId, tg.customerId, sms.customerId]).size).toBe(3);
    expect(identities(t.engine, shop.customerId!)).toEqual([{ channel: "sms", address: "ACME", kind: "channel", value: "" }]);
  });
});

describe("an e-mail given in a chat", () => {
  const t = useTestEngine();

  /** Ann is in the CRM (imported) with an open case; a web chat visitor then writes her e-mail. */
  async function annAndVisitor() {
    const imported = await t.engine.customers.importCsv({ csv: "name,email,tier\nAnn Lee,ann@example.com,gold\n" });
    expect(imported).toMatchObject({ created: 1, updated: 0, invalidRows: 0 });
    const ann = testDb(t.engine).prepare(`SELECT customerId FROM "CustomerIdentity" WHERE kind = 'email'`).get() as { customerId: string };
    testDb(t.engine)
      .prepare(`INSERT INTO "Case" (id, customerId, type, status, subject, createdAt, updatedAt) VALUES ('case-1', ?, 'complaint', 'open', 'late', ?, ?)`)
      .run(ann.customerId, new Date(0).toISOString(), new Date(0).toISOString());
    await t.engine.receive("webchat", chat("visitor-1", "m1", "hi, where is my parcel?", "Visitor"));
    const visitor = await t.engine.receive("webchat", chat("visitor-1", "m2", "it's me: write to ANN@Example.com please"));
    testDb(t.engine).prepare(`UPDATE "Customer" SET fields = '{"parcel":"P-1","tier":"basic"}' WHERE id = ?`).run(visitor.customerId);
    return { ann: ann.customerId, visitor: visitor.customerId! };
  }

  it("suggests a merge with a preview (no silent merge); rejecting dismisses it for good", async () => {
    const { ann, visitor } = await annAndVisitor();
    expect(identities(t.engine, visitor)).toEqual([{ channel: "webchat", address: "visitor-1", kind: "channel", value: "" }]);
    const [suggestion, ...others] = await t.engine.customers.suggestions(visitor);
    expect(others).toEqual([]);
    expect(suggestion).toMatchObject({
      kind: "email",
      value: "ann@example.com",
      source: "text",
      merged: { id: visitor, name: "Visitor", identities: [{ channel: "webchat", address: "visitor-1" }], counts: { conversations: 1, identities: 1 } },
      survivor: { id: ann, name: "Ann Lee", identities: [{ channel: "email", address: "ann@example.com" }], counts: { cases: 1, conversations: 0 } },
    });
    // Ann's card sees the same suggestion; writing the e-mail again does not raise a second one.
    expect((await t.engine.customers.suggestions(ann)).map((s) => s.id)).toEqual([suggestion.id]);
    await t.engine.receive("webchat", chat("visitor-1", "m3", "ann@example.com"));
    expect(countRows(t.engine, "MergeSuggestion")).toBe(1);

    await t.engine.customers.rejectMerge(suggestion.id);
    expect(await t.engine.customers.suggestions(visitor)).toEqual([]);
    await t.engine.receive("webchat", chat("visitor-1", "m4", "really, ann@example.com"));
    expect(await t.engine.customers.suggestions(visitor)).toEqual([]);
    await expect(t.engine.customers.acceptMerge(suggestion.id)).rejects.toThrow(/already decided \(rejected\)/);
  });

  it("accepting merges the visitor into Ann; a split restores exactly what the merge moved", async () => {
    const { ann, visitor } = await annAndVisitor();
    const before = ownership(t.engine);
    const [suggestion] = await t.engine.customers.suggestions(visitor);

    const merged = await t.engine.customers.acceptMerge(suggestion.id);
    expect(merged).toMatchObject({ survivorId: ann, mergedId: visitor, moved: { identities: 1, conversations: 1, cases: 0 } });
    expect(identities(t.engine, ann)).toHaveLength(2);
    expect(identities(t.engine, visitor)).toEqual([]);
    const annNow = await t.engine.customers.get(ann);
    // Ann keeps her own tier and takes the parcel she did not have; the visitor is found as Ann.
    expect(annNow).toMatchObject({ name: "Ann Lee", fields: { tier: "gold", parcel: "P-1" }, counts: { conversations: 1, messages: 2, cases: 1 } });
    expect(await t.engine.customers.get(visitor)).toMatchObject({ mergedIntoId: ann });
    expect((await t.engine.customers.search({ query: "" })).customers.map((c) => c.id)).toEqual([ann]);
    // The visitor's next message reaches Ann (her identity now); the timeline shows the chat under Ann.
    expect((await t.engine.receive("webchat", chat("visitor-1", "m5", "thanks"))).customerId).toBe(ann);
    const timeline = await t.engine.customers.timeline(ann, {});
    expect(timeline.items.filter((i) => i.kind === "message").map((i) => i.text)).toEqual([
      "thanks",
      "it's me: write to ANN@Example.com please",
      "hi, where is my parcel?",
    ]);
    expect(timeline.items.map((i) => i.kind)).toEqual(expect.arrayContaining(["merge", "case"]));
    expect(await t.engine.customers.merges(ann)).toMatchObject([{ id: merged.mergeId, mergedId: visitor, splitAt: null }]);

    const split = await t.engine.customers.split(merged.mergeId);
    expect(split).toMatchObject({ survivorId: ann, mergedId: visitor, restored: { identities: 1, conversations: 1 } });
    expect(ownership(t.engine)).toEqual(before);
    await expect(t.engine.customers.split(merged.mergeId)).rejects.toThrow(/already split/);
  });

  it("a split leaves what changed on the survivor since the merge", async () => {
    const { ann, visitor } = await annAndVisitor();
    const [suggestion] = await t.engine.customers.suggestions(visitor);
    const { mergeId } = await t.engine.customers.acceptMerge(suggestion.id);
    testDb(t.engine).prepare(`UPDATE "Customer" SET fields = json_set(fields, '$.parcel', 'P-2') WHERE id = ?`).run(ann);
    await t.engine.customers.split(mergeId);
    expect(await t.engine.customers.get(ann)).toMatchObject({ fields: { tier: "gold", parcel: "P-2" } });
    expect(await t.engine.customers.get(visitor)).toMatchObject({ mergedIntoId: null, fields: { parcel: "P-1", tier: "basic" } });
  });

  it("the widget's identify files a free e-mail under the visitor, suggests a merge for a known one, refuses a bad one", async () => {
    const { ann } = await annAndVisitor();
    const other = await t.engine.receive("webchat", chat("visitor-2", "m9", "hello"));
    expect(await t.engine.identify(other.customerId!, { kind: "phone", value: "(415) 555-0199" })).toEqual({
      status: "added",
      kind: "phone",
      value: "+14155550199",
    });
    expect(await t.engine.identify(other.customerId!, { kind: "phone", value: "+1 415 555 0199" })).toMatchObject({ status: "known" });
    expect(await t.engine.identify(other.customerId!, { kind: "email", value: " Ann@Example.COM " })).toMatchObject({ status: "suggested" });
    expect((await t.engine.customers.suggestions(ann)).map((s) => s.source).sort()).toEqual(["text", "widget"]);
    await expect(t.engine.identify(other.customerId!, { kind: "email", value: "not-an-email" })).rejects.toThrow(/is not a valid email/);
    await expect(t.engine.identify("nobody", { kind: "email", value: "a@b.co" })).rejects.toThrow(/customer nobody not found/);
    // A phone filed under them is a phone identity: an SMS from it reaches the same customer.
    expect((await t.engine.ingest(from("sms", "+14155550199"))).customerId).toBe(other.customerId);
  });
});

describe("the timeline", () => {
  const t = useTestEngine();

  it("pages across channels with a cursor, never skipping or repeating a line", async () => {
    const first = await t.engine.ingest(from("sms", "+14155550100", "one"));
    for (const [i, channel] of (["whatsapp", "phone", "sms", "whatsapp", "sms"] as const).entries()) {
      t.clock.advance(i % 2 ? 0 : 1000); // some lines share an instant: the key orders them
      await t.engine.ingest(from(channel, "+14155550100", `line ${i}`));
    }
    const seen: { line: string; at: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Engine["customers"]["timeline"]>> = await t.engine.customers.timeline(first.customerId!, { cursor, limit: 2 });
      seen.push(...page.items.map((i) => ({ line: `${i.channel}:${i.text}`, at: i.at })));
      cursor = page.nextCursor;
    } while (cursor);
    const lines = seen.map((s) => s.line);
    expect(new Set(lines)).toEqual(new Set(["sms:one", "whatsapp:line 0", "phone:line 1", "sms:line 2", "whatsapp:line 3", "sms:line 4"]));
    expect(lines).toHaveLength(6);
    expect(seen.map((s) => s.at)).toEqual(
      seen
        .map((s) => s.at)
        .sort()
        .reverse(),
    );
    expect(lines.at(-1)).toBe("sms:one");
    await expect(t.engine.customers.timeline(first.customerId!, { cursor: "nonsense" })).rejects.toThrow(/cursor/);
  });
});

describe("CSV import", () => {
  const t = useTestEngine();

  it("imports the good rows (onto customers known by phone or e-mail), reports the bad ones by row and column", async () => {
    const known = await t.engine.ingest(from("sms", "+14155550100", "hi"));
    const csv = [
      "Name,Email,Phone,Tier",
      "Ann Lee,ann@example.com,,gold", // new
      "Bob,,(415) 555-0100,silver", // the SMS customer, another formatting
      "Cat,not-an-email,,", // bad e-mail
      ",,,bronze", // nothing to recognise the customer by
      "Dan,,12345,", // not a phone
      "Ann Again,ANN@example.com,+1 415 555 0100,", // e-mail and phone of two different customers
      "ann,ann@example.com,,platinum", // Ann again: updates her
    ].join("\n");
    const result = await t.engine.customers.importCsv({ csv });
    expect(result).toMatchObject({ rows: 7, created: 1, updated: 2, invalidRows: 4 });
    expect(result.problems).toEqual([
      { row: 4, field: "email", problem: "not an e-mail address" },
      { row: 5, field: "email", problem: "an email or a phone is needed to recognise the customer" },
      { row: 6, field: "phone", problem: "not a phone number (one without a country code is read as US)" },
      { row: 7, field: "phone", problem: "the email and the phone belong to two different customers" },
    ]);
    expect(result.report?.split("\r\n")).toEqual([
      "row,field,problem",
      "4,email,not an e-mail address",
      "5,email,an email or a phone is needed to recognise the customer",
      "6,phone,not a phone number (one without a country code is read as US)",
      "7,phone,the email and the phone belong to two different customers",
    ]);
    expect(await t.engine.customers.get(known.customerId!)).toMatchObject({ name: "Bob", fields: { tier: "silver" } });
    const ann = (await t.engine.customers.search({ query: "ann@example.com" })).customers;
    expect(ann).toHaveLength(1);
    expect(await t.engine.customers.get(ann[0].id)).toMatchObject({ name: "Ann Lee", fields: { tier: "platinum" } });
    // Imported identities are found by the channels: an e-mail from Ann reaches her record.
    expect((await t.engine.ingest(from("email", "Ann@Example.com"))).customerId).toBe(ann[0].id);
  });

  it("refuses a file without an email or phone column, or with too many rows", async () => {
    await expect(t.engine.customers.importCsv({ csv: "name,tier\nAnn,gold" })).rejects.toThrow(/email or phone column/);
    const rows = Array.from({ length: 50_001 }, (_, i) => `c${i}@example.com`).join("\n");
    await expect(t.engine.customers.importCsv({ csv: `email\n${rows}` })).rejects.toThrow(/more than 50000 rows/);
    await expect(t.engine.customers.importCsv({ csv: "x".repeat(5 * 1024 * 1024 + 1) })).rejects.toThrow(/csv/);
    expect(countRows(t.engine, "Customer")).toBe(0);
  });
});

/** Which of the database's files (main, -wal, -shm) hold `text` in their raw bytes. */
function filesHolding(file: string, text: string): string[] {
  const dir = path.dirname(file);
  return readdirSync(dir)
    .filter((f) => f.startsWith(path.basename(file)))
    .filter((f) => readFileSync(path.join(dir, f)).includes(Buffer.from(text)));
}

describe("erasing a customer others were merged into", () => {
  const tmp = useTempDb("omniflow-identity-erase-");

  it("erases the merged customers too: their name, fields, addresses and the suggestion's identifier", async () => {
    const t = openTestEngine(tmp.file);
    await t.engine.customers.importCsv({ csv: "name,email\nZelda Quartermain,zelda-q@example.org\n" });
    const visitor = await t.engine.receive("webchat", chat("visitor-zq-77", "m1", "mail me at zelda-q@example.org", "Zee Visitor"));
    testDb(t.engine).prepare(`UPDATE "Customer" SET fields = '{"secretNote":"qx-note-5521"}' WHERE id = ?`).run(visitor.customerId);
    const [suggestion] = await t.engine.customers.suggestions(visitor.customerId!);
    const { survivorId } = await t.engine.customers.acceptMerge(suggestion.id);

    const result = t.engine.privacy.eraseCustomer(survivorId, "ERASE");
    expect(result).toMatchObject({ mergedCustomers: 1, rows: { identities: 2, conversations: 1, messages: 1, mergeSuggestions: 1 } });
    expect(await t.engine.customers.get(visitor.customerId!)).toMatchObject({ name: null, fields: {}, erasedAt: expect.any(Date) });
    await t.engine.close();
    closeTestDbs(tmp.dir);
    for (const personal of ["zelda-q@example.org", "Zelda Quartermain", "Zee Visitor", "visitor-zq-77", "qx-note-5521"]) {
      expect(filesHolding(tmp.file, personal), personal).toEqual([]);
    }
    expect(existsSync(tmp.file)).toBe(true);
  });
});
