import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../contracts/audit";
import type { AuditRow } from "../store/audit";
import { testDb } from "../testing/test-db";
import { countRows, useTestEngine } from "../testing/test-engine";
import { hashRow, verifyChain } from "./chain";

const t = useTestEngine();

const entry = (n: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  actor: { kind: "user", id: `u${n}`, name: `User ${n}` },
  role: "admin",
  action: "flows.publish",
  target: { type: "flow", id: `f${n}` },
  outcome: "ok",
  detail: { flowId: `f${n}` },
  requestId: `req-${n}`,
  ip: "127.0.0.1",
  ...over,
});

/** Records `n` rows one minute apart. */
function recordRows(n: number) {
  for (let i = 1; i <= n; i++) {
    t.engine.audit.record(entry(i));
    t.clock.advance(60_000);
  }
}

const sql = (text: string, ...params: unknown[]) =>
  testDb(t.engine)
    .prepare(text)
    .run(...params);
const storedRow = (seq: number) => testDb(t.engine).prepare(`SELECT * FROM "AuditEntry" WHERE seq = ?`).get(seq) as AuditRow;

describe("audit chain", () => {
  it("verifies an untouched trail and reports its size and last hash", () => {
    recordRows(5);
    expect(t.engine.audit.verify()).toEqual({ ok: true, rows: 5, lastHash: storedRow(5).hash });
    expect(storedRow(2).prevHash).toBe(storedRow(1).hash);
  });

  it("verifies an empty trail", () => {
    expect(t.engine.audit.verify()).toEqual({ ok: true, rows: 0, lastHash: null });
  });

  const edits: [keyof AuditRow, unknown, "altered" | "relinked"][] = [
    ["at", "2026-01-05T09:01:30.000Z", "altered"],
    ["actorKind", "system", "altered"],
    ["actorId", "u9", "altered"],
    ["actorName", "Someone else", "altered"],
    ["role", "operator", "altered"],
    ["action", "flows.rename", "altered"],
    ["targetType", "task", "altered"],
    ["targetId", "f9", "altered"],
    ["outcome", "denied", "altered"],
    ["detail", '{"flowId":"f9"}', "altered"],
    ["requestId", null, "altered"],
    ["ip", "10.0.0.1", "altered"],
    ["hash", "0".repeat(64), "altered"],
    ["prevHash", "f".repeat(64), "relinked"],
  ];
  it.each(edits)("names the row whose %s was edited with raw SQL", (column, value, reason) => {
    recordRows(4);
    sql(`UPDATE "AuditEntry" SET "${column}" = ? WHERE seq = 2`, value);
    expect(t.engine.audit.verify()).toEqual({ ok: false, firstBadSeq: 2, reason });
  });

  it("names a removed middle row, and a renumbered one", () => {
    recordRows(4);
    sql(`DELETE FROM "AuditEntry" WHERE seq = 2`);
    expect(t.engine.audit.verify()).toEqual({ ok: false, firstBadSeq: 2, reason: "missing" });
    // Closing the gap by renumbering does not help: row 3, now 2, points at the removed row.
    sql(`UPDATE "AuditEntry" SET seq = 2 WHERE seq = 3`);
    expect(t.engine.audit.verify()).toEqual({ ok: false, firstBadSeq: 2, reason: "relinked" });
  });

  it("catches an edit whose row hash was recomputed: the next row no longer points at it", () => {
    recordRows(4);
    const forged = { ...storedRow(2), actorName: "Someone else" };
    sql(`UPDATE "AuditEntry" SET actorName = ?, hash = ? WHERE seq = 2`, forged.actorName, hashRow(forged));
    expect(t.engine.audit.verify()).toEqual({ ok: false, firstBadSeq: 3, reason: "relinked" });
  });

  it("keeps one chain while several processes append to the same file at once", async () => {
    t.engine.audit.record(entry(0));
    const writer = new URL("../testing/audit-writer.ts", import.meta.url).pathname;
    const run = promisify(execFile);
    const writers = ["a", "b", "c"];
    await Promise.all(writers.map((name) => run(process.execPath, ["--import", "tsx", writer, t.engine.dbFile, name, "300", "3"])));
    expect(t.engine.audit.verify()).toEqual(expect.objectContaining({ ok: true, rows: 901 }));
    // The writers really overlapped: their rows are interleaved, not three runs one after another.
    const order = (testDb(t.engine).prepare(`SELECT actorId FROM "AuditEntry" WHERE seq > 1 ORDER BY seq`).all() as { actorId: string }[]).map(
      (r) => r.actorId,
    );
    const runs = order.filter((id, i) => id !== order[i - 1]).length;
    expect(runs).toBeGreaterThan(3);
  }, 60_000);
});

describe("audit record", () => {
  it("redacts secrets before they reach the database file", () => {
    t.engine.audit.record(
      entry(1, { detail: { password: "hunter2", headers: { authorization: "Bearer x", "X-Api-Key": "k-123" }, note: "Bearer abc", name: "Flow A" } }),
    );
    const row = storedRow(1);
    expect(JSON.parse(row.detail)).toEqual({
      password: "[redacted]",
      headers: { authorization: "[redacted]", "X-Api-Key": "[redacted]" },
      note: "[redacted]",
      name: "Flow A",
    });
    testDb(t.engine).pragma("wal_checkpoint(TRUNCATE)");
    const file = readFileSync(t.engine.dbFile).toString("latin1");
    for (const secret of ["hunter2", "Bearer x", "k-123", "Bearer abc"]) expect(file).not.toContain(secret);
    expect(file).toContain("Flow A");
  });

  it("names anonymous and system actors, and refuses a malformed entry", () => {
    expect(t.engine.audit.record(entry(1, { actor: { kind: "anonymous" }, outcome: "denied" })).actorName).toBe("anonymous");
    expect(t.engine.audit.record(entry(2, { actor: { kind: "apiKey", id: "key_1" } })).actorName).toBe("key_1");
    expect(() => t.engine.audit.record(entry(3, { action: "drop table; --" }))).toThrow(/action/);
    expect(() => t.engine.audit.record(entry(3, { actor: { kind: "user", name: "x".repeat(201) } }))).toThrow();
    expect(countRows(t.engine, "AuditEntry")).toBe(2);
  });
});

describe("audit list and export", () => {
  function recordMix() {
    t.engine.audit.record(entry(1, { action: "auth.sign-in" }));
    t.clock.advance(86_400_000);
    t.engine.audit.record(entry(2, { action: "auth.sign-in-failed", actor: { kind: "anonymous" }, outcome: "failed", target: undefined }));
    t.clock.advance(86_400_000);
    t.engine.audit.record(entry(3, { action: "flows.publish", outcome: "denied" }));
    t.engine.audit.record(entry(4, { action: "flows.delete", actor: { kind: "user", id: "u4", name: "Ann 100%" } }));
  }
  const seqs = (input: Parameters<typeof t.engine.audit.list>[0]) => t.engine.audit.list(input).rows.map((r) => r.seq);

  it("filters by actor, action prefix, target, outcome and time, newest first", () => {
    recordMix();
    expect(seqs({})).toEqual([4, 3, 2, 1]);
    expect(seqs({ actor: "u2" })).toEqual([]);
    expect(seqs({ actor: "anonym" })).toEqual([2]);
    expect(seqs({ actor: "100%" })).toEqual([4]);
    expect(seqs({ actor: "%" })).toEqual([4]);
    expect(seqs({ action: "auth." })).toEqual([2, 1]);
    expect(seqs({ action: "auth.sign-in-" })).toEqual([2]);
    expect(seqs({ targetType: "flow", targetId: "f3" })).toEqual([3]);
    expect(seqs({ outcome: "denied" })).toEqual([3]);
    const day2 = new Date(t.clock.now() - 86_400_000);
    expect(seqs({ from: day2 })).toEqual([4, 3, 2]);
    expect(seqs({ from: day2, to: new Date(t.clock.now()) })).toEqual([2]);
    expect(t.engine.audit.list({}).rows[0]?.at).toBeInstanceOf(Date);
  });

  it("pages with a cursor and refuses pages over 200 rows", () => {
    recordRows(5);
    const first = t.engine.audit.list({ limit: 2 });
    expect(first.rows.map((r) => r.seq)).toEqual([5, 4]);
    const second = t.engine.audit.list({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.rows.map((r) => r.seq)).toEqual([3, 2]);
    const last = t.engine.audit.list({ limit: 2, cursor: second.nextCursor ?? undefined });
    expect(last).toEqual({ rows: [expect.objectContaining({ seq: 1 })], nextCursor: null });
    expect(() => t.engine.audit.list({ limit: 201 })).toThrow();
  });

  it("exports JSON lines that verify again from the file, and CSV a spreadsheet cannot run", () => {
    recordMix();
    t.engine.audit.record(entry(5, { actor: { kind: "anonymous", name: '=HYPERLINK("http://evil")' }, outcome: "failed" }));
    const jsonl = t.engine.audit.export({ format: "jsonl" });
    expect(jsonl.filename).toMatch(/^omniflow-audit-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const rows = jsonl.text
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as AuditRow);
    expect(verifyChain(rows)).toEqual(expect.objectContaining({ ok: true, rows: 5 }));

    const csv = t.engine.audit.export({ format: "csv", outcome: "failed" }).text.split("\r\n");
    expect(csv[0]).toMatch(/^seq,at,actorKind,/);
    expect(csv).toHaveLength(4); // header, two rows, the final empty line
    expect(csv[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});
