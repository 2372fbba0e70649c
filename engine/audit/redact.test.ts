import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical";
import { REDACTED, redact } from "./redact";

describe("redact", () => {
  it("replaces secrets under any spelling of their key, at any depth, and credential-looking text", () => {
    const input = {
      newPassword: "p1",
      client_secret: "s1",
      accessToken: "t1",
      credential: { value: "v1" },
      list: [{ headers: [{ name: "Authorization", value: "Bearer abc" }] }],
      apiKey: "k1",
      Cookie: "sid=1",
      note: "sk_live_123 leaked",
      kept: "plain words",
    };
    const out = redact(input);
    expect(out).toEqual({
      newPassword: REDACTED,
      client_secret: REDACTED,
      accessToken: REDACTED,
      credential: { value: REDACTED },
      list: [{ headers: [{ name: "Authorization", value: REDACTED }] }],
      apiKey: REDACTED,
      Cookie: REDACTED,
      note: REDACTED,
      kept: "plain words",
    });
    for (const secret of ["p1", "s1", "t1", "v1", "abc", "k1", "sid=1", "sk_live"]) expect(canonicalJson(out)).not.toContain(secret);
  });

  it("caps long texts, long lists, deep objects and the whole size", () => {
    const out = redact({ text: "x".repeat(1000), list: Array.from({ length: 30 }, (_, i) => i), deep: { a: { b: { c: { d: { e: { f: 1 } } } } } } }) as {
      text: string;
      list: unknown[];
      deep: unknown;
    };
    expect(out.text).toHaveLength(301);
    expect(out.list).toHaveLength(21);
    expect(out.list.at(-1)).toBe("[… 10 more]");
    expect(canonicalJson(out.deep)).toContain("[…]");

    const huge = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field${i}`, "y".repeat(300)]));
    const capped = redact(huge) as { truncated: boolean; keys: string[] };
    expect(capped.truncated).toBe(true);
    expect(capped.keys).toHaveLength(40);
    expect(canonicalJson(capped).length).toBeLessThan(8192);
  });

  it("keeps plain values and turns the rest into JSON", () => {
    expect(redact(undefined)).toBeNull();
    expect(redact({ at: new Date(0), n: 1n, ok: true })).toEqual({ at: "1970-01-01T00:00:00.000Z", n: "1", ok: true });
  });
});
