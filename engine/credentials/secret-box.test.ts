import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSecretBox, SecretUnreadable } from "./secret-box";
import { loadSecretKey } from "./secret-key";

const key = (byte: number) => Buffer.alloc(32, byte);

describe("secret box", () => {
  it("opens what it sealed, and the sealed text does not contain the secret", () => {
    const box = createSecretBox(key(1));
    const sealed = box.seal("sk_live_123", "cred-1");
    expect(sealed).not.toContain("sk_live");
    expect(box.open(sealed, "cred-1")).toBe("sk_live_123");
  });

  it("fails closed on a wrong key, another row's context or a tampered value", () => {
    const sealed = createSecretBox(key(1)).seal("sk_live_123", "cred-1");
    expect(() => createSecretBox(key(2)).open(sealed, "cred-1")).toThrow(SecretUnreadable);
    expect(() => createSecretBox(key(1)).open(sealed, "cred-2")).toThrow(SecretUnreadable);
    const parts = sealed.split(":");
    parts[3] = Buffer.from("tampered").toString("base64");
    expect(() => createSecretBox(key(1)).open(parts.join(":"), "cred-1")).toThrow(SecretUnreadable);
  });
});

describe("secret key", () => {
  const dir = () => mkdtempSync(path.join(tmpdir(), "omniflow-key-"));

  it("generates a 0600 key file once and reads the same key back", () => {
    const file = path.join(dir(), "omniflow.key");
    const first = loadSecretKey(file, undefined);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(file, undefined).equals(first)).toBe(true);
  });

  it("prefers the environment's key and refuses a malformed one or a key file others can read", () => {
    expect(loadSecretKey("/nonexistent/never-written", "ab".repeat(32)).equals(Buffer.alloc(32, 0xab))).toBe(true);
    expect(() => loadSecretKey("/nonexistent/never-written", "short")).toThrow(/32-byte/);
    const file = path.join(dir(), "open.key");
    writeFileSync(file, Buffer.alloc(32).toString("base64"), { mode: 0o644 });
    expect(() => loadSecretKey(file, undefined)).toThrow(/readable by other users/);
  });
});
