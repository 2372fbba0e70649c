import { describe, expect, it } from "vitest";
import { readMail } from "./mime-worker";
import { composeMail } from "./compose";

const mail = (n: number, text: string) =>
  composeMail({ from: { address: "ann@example.com", name: "Ann" }, to: "support@acme.test", subject: `Mail ${n}`, text, messageId: `m${n}@mail.example` });

describe("reading mail on worker threads", () => {
  it("hands mails back in the order they were given, a long one first included", async () => {
    const given = [mail(0, "long line of text\n".repeat(100_000)), ...Array.from({ length: 20 }, (_, n) => mail(n + 1, `short ${n + 1}`))];
    const resolved: string[] = [];
    const read = await Promise.all(
      given.map(async (raw) => {
        const m = await readMail(raw);
        resolved.push(m.subject ?? "");
        return m;
      }),
    );
    expect(resolved).toEqual(given.map((_, n) => `Mail ${n}`));
    expect(read[3]).toMatchObject({ from: [{ address: "ann@example.com", name: "Ann" }], to: [{ address: "support@acme.test" }], text: "short 3" });
  });

  it("a reader that fails does not hold up the mails after it", async () => {
    const [bad, good] = await Promise.allSettled([readMail("not a buffer" as unknown as Buffer), readMail(mail(1, "fine"))]);
    expect(bad.status).toBe("rejected");
    expect(good).toMatchObject({ status: "fulfilled", value: { subject: "Mail 1" } });
  });
});
