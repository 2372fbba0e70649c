import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { listMigrations, migrate } from "./migrate";

const repoMigrations = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));
const IDENTITY = "0016_identity_across_channels";
const UNKEYED = "0019_channel_identities_unkeyed";

let tmp: string;
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe("migrations 0016 (identities keyed across channels) and 0019 (per-channel ids unkeyed)", () => {
  it("keys the identities a database already holds: phones in E.164, e-mails lower-cased, other ids per channel by their address alone", () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "omniflow-identity-migration-"));
    const dir = path.join(tmp, "migrations");
    for (const m of listMigrations(repoMigrations).filter((m) => m.name < IDENTITY))
      cpSync(path.join(repoMigrations, m.name), path.join(dir, m.name), { recursive: true });
    const db = new Database(path.join(tmp, "old.db"));
    migrate(db, dir);
    db.prepare(`INSERT INTO "Customer" (id, name, createdAt) VALUES ('c1', 'Ann', '2026-01-01T00:00:00.000Z')`).run();
    const add = db.prepare(`INSERT INTO "CustomerIdentity" (id, customerId, channel, address, createdAt) VALUES (?, 'c1', ?, ?, '2026-01-01T00:00:00.000Z')`);
    const rows: [string, string, string][] = [
      ["i1", "sms", "+14155550100"],
      ["i2", "whatsapp", "+1 (415) 555-0101"],
      ["i3", "sms", "ACME"],
      ["i4", "phone", "4155550102"],
      ["i5", "email", " Ann@Example.COM"],
      ["i6", "webchat", "visitor-1"],
      ["i7", "telegram", "+14155550100"],
    ];
    for (const row of rows) add.run(...row);

    cpSync(path.join(repoMigrations, IDENTITY), path.join(dir, IDENTITY), { recursive: true });
    expect(migrate(db, dir).applied).toEqual([IDENTITY]);
    expect(db.prepare(`SELECT id, channel, address, kind, value FROM "CustomerIdentity" ORDER BY id`).all()).toEqual([
      { id: "i1", channel: "sms", address: "+14155550100", kind: "phone", value: "+14155550100" },
      { id: "i2", channel: "whatsapp", address: "+1 (415) 555-0101", kind: "phone", value: "+14155550101" },
      { id: "i3", channel: "sms", address: "ACME", kind: "channel", value: "ACME" },
      // Without a country code SQL cannot tell the region: it stays found by its exact address on the channel.
      { id: "i4", channel: "phone", address: "4155550102", kind: "channel", value: "4155550102" },
      { id: "i5", channel: "email", address: " Ann@Example.COM", kind: "email", value: "ann@example.com" },
      { id: "i6", channel: "webchat", address: "visitor-1", kind: "channel", value: "visitor-1" },
      { id: "i7", channel: "telegram", address: "+14155550100", kind: "channel", value: "+14155550100" },
    ]);

    // 0019: per-channel ids keep only their channel and address as their key; phones and e-mails keep theirs.
    for (const m of listMigrations(repoMigrations).filter((m) => m.name > IDENTITY && m.name <= UNKEYED))
      cpSync(path.join(repoMigrations, m.name), path.join(dir, m.name), { recursive: true });
    expect(migrate(db, dir).applied).toContain(UNKEYED);
    expect(db.prepare(`SELECT id, kind, value FROM "CustomerIdentity" ORDER BY id`).all()).toEqual([
      { id: "i1", kind: "phone", value: "+14155550100" },
      { id: "i2", kind: "phone", value: "+14155550101" },
      { id: "i3", kind: "channel", value: "" },
      { id: "i4", kind: "channel", value: "" },
      { id: "i5", kind: "email", value: "ann@example.com" },
      { id: "i6", kind: "channel", value: "" },
      { id: "i7", kind: "channel", value: "" },
    ]);
    db.close();
  });
});
