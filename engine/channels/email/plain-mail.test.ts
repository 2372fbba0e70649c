import { describe, expect, it } from "vitest";
import { readOnWorker } from "./mime-worker";
import { readPlainMail } from "./plain-mail";
import { mails } from "./samples";

/** A seeded generator (mulberry32), so a failing mail can be made again from the seed printed with it. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Each header and body is drawn from forms plain-mail.ts reads (first list) and, now and then, from forms it
// must leave to mailparser or read with care (second list).
const choices: Record<string, [readonly (string | null)[], readonly (string | null)[]]> = {
  from: [
    [
      "ann@example.com",
      "Ann Lee <Ann.Lee@Example.COM>",
      '"Ann Lee" <ann@example.com>',
      "Ann O'Neil <ann.o-neil+tag@mail.example.co.uk>",
      '"=?UTF-8?B?0JjQstCw0L0=?=" <ivan@example.ru>',
    ],
    [
      '"Lee, Ann" <ann@example.com>',
      "Ann  Lee <ann@example.com>",
      "=?UTF-8?Q?Ren=C3=A9?= <rene@example.fr>",
      "ann@example.com (Ann)",
      "<ann@example.com>",
      "a=?utf-8?q?x?=@example.com",
      "ann@example.com, bob@example.com",
      '" Ann " <ann@example.com>',
    ],
  ],
  to: [
    ["support@acme.test", "support+abc12345@acme.test, other@acme.test", "Support <support@acme.test>"],
    ["undisclosed-recipients:;", "", null],
  ],
  cc: [
    [null, "bob@example.com", '"Bob" <bob@example.com>, carol@example.com'],
    ["bob@example.com,", "Bob <bob@example.com"],
  ],
  subject: [
    [null, "Order 1042", "=?UTF-8?B?0JPQtNC1INC80L7QuSDQt9Cw0LrQsNC3Pw==?=", "Re: [#0193a1b2c3d4-0000-1122]", "=?ISO-8859-1?Q?Caf=E9?= menu"],
    ["", "  spaced  out  ", "=?UTF-8?B?broken", "a =?UTF-8?Q?b?= =?UTF-8?Q?c?= d"],
  ],
  messageId: [
    [null, "<m-1@mail.example>"],
    ["m-2@mail.example", "", "<a b@c>", "<a@b> <c@d>"],
  ],
  inReplyTo: [
    [null, "<ours-1@acme.test>"],
    ["ours-1@acme.test", "<>"],
  ],
  references: [
    [null, "<ours-1@acme.test>", "<ours-1@acme.test> <ours-2@acme.test>", "<ours-1@acme.test>  <ours-2@acme.test>"],
    ["ours-1@acme.test", "<a@b>,<c@d>"],
  ],
  date: [
    [null, "Tue, 01 Dec 2026 10:00:00 +0000", "1 Dec 2026 10:00 GMT"],
    ["not a date", ""],
  ],
  autoSubmitted: [[null, "auto-replied", "no", "Auto-Replied"], [""]],
  contentType: [
    [null, "text/plain", "text/plain; charset=utf-8", 'TEXT/PLAIN; CHARSET="UTF-8"', "text/plain; charset=us-ascii", "text/plain (note); charset=utf-8"],
    [
      "text/plain; charset=iso-8859-1",
      "text/plain; format=flowed",
      "text/html; charset=utf-8",
      "text/plain; name=note.txt",
      "text/plain; charset=utf-8; charset=latin1",
      "multipart/mixed",
      'text/plain; charset="=?utf-8?q?utf-8?="',
    ],
  ],
  encoding: [
    [null, "7bit", "8bit", "base64", "BASE64", "quoted-printable"],
    ["x-uuencode", "binary", ""],
  ],
  extra: [
    [null, "X-Mailer: test", "MIME-Version: 1.0"],
    ["Content-Disposition: attachment", "Content-Disposition: inline", "Subject: twice", "X-Folded: a\r\n b", "X-Eight: caf\xc3\xa9", "Content-ID: <x@y>"],
  ],
  body: [
    [
      "Where is my parcel?",
      "line one\r\nline two\r\n",
      "trailing\r\n\r\n\r\n",
      "Caf\u00e9 \u2014 \u043f\u0440\u0438\u0432\u0435\u0442",
      "x".repeat(200),
      "a = b =3D c",
    ],
    ["", "\ufeffwith a mark", "lone\nfeeds\rand cr", "bad \ufffd char", " \r\n leading space"],
  ],
};

/** Mostly the plain forms, so that about a fifth of the mails are plain in every header. */
const pick = (next: () => number, [plain, other]: (typeof choices)[string]) => {
  const list = next() < 0.12 ? other : plain;
  return list[Math.floor(next() * list.length)];
};

function encode(body: string, encoding: string | null): Buffer {
  const bytes = Buffer.from(body, "utf8");
  switch (encoding?.toLowerCase()) {
    case "base64":
      return Buffer.from(bytes.toString("base64").replace(/.{1,76}/g, "$&\r\n"));
    case "quoted-printable":
      return Buffer.from(
        [...bytes].map((b) => (b >= 0x80 || b === 0x3d ? `=${b.toString(16).toUpperCase().padStart(2, "0")}` : String.fromCharCode(b))).join(""),
      );
    default:
      return bytes;
  }
}

function generated(seed: number): Buffer {
  const next = random(seed);
  const c = Object.fromEntries(Object.entries(choices).map(([k, lists]) => [k, pick(next, lists)]));
  const head = [
    c.extra?.startsWith("Subject") && c.extra,
    c.from !== null && `From: ${c.from}`,
    c.to !== null && `To: ${c.to}`,
    c.cc !== null && `Cc: ${c.cc}`,
    c.subject !== null && `Subject: ${c.subject}`,
    c.messageId !== null && `Message-ID: ${c.messageId}`,
    c.inReplyTo !== null && `In-Reply-To: ${c.inReplyTo}`,
    c.references !== null && `References: ${c.references}`,
    c.date !== null && `Date: ${c.date}`,
    c.autoSubmitted !== null && `Auto-Submitted: ${c.autoSubmitted}`,
    c.contentType !== null && `Content-Type: ${c.contentType}`,
    c.encoding !== null && `Content-Transfer-Encoding: ${c.encoding}`,
    c.extra,
  ].filter((line): line is string => typeof line === "string");
  return Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "latin1"), encode(c.body ?? "", c.encoding)]);
}

describe("plain mail read on the spot", () => {
  it("reads every sample it takes exactly as mailparser on the worker does, and takes the plain ones", async () => {
    for (const [name, raw] of Object.entries(mails)) {
      const plain = readPlainMail(raw);
      if (plain) expect({ name, mail: plain }).toEqual({ name, mail: await readOnWorker(raw) });
    }
    for (const name of ["plain", "quotedPrintable", "utf8Subject", "reply", "tokenInSubject", "autoReply", "noMessageId"] as const) {
      expect(readPlainMail(mails[name]), name).not.toBeNull();
    }
    for (const name of ["htmlOnly", "withAttachment", "bounce"] as const) expect(readPlainMail(mails[name]), name).toBeNull();
  });

  it("agrees with mailparser on 1,500 generated mails, or leaves them to it", async () => {
    let taken = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const raw = generated(seed);
      const plain = readPlainMail(raw);
      if (!plain) continue;
      taken++;
      expect({ seed, mail: plain }).toEqual({ seed, mail: await readOnWorker(raw) });
    }
    // The draw reaches both sides: a reader that took nothing, or everything, would fail here.
    expect(taken).toBeGreaterThan(50);
    expect(taken).toBeLessThan(1000);
  }, 60_000);

  it("leaves large mail, folded or 8-bit headers and mail without a header block to the worker", () => {
    const head = "From: ann@example.com\r\nTo: support@acme.test\r\n\r\n";
    expect(readPlainMail(Buffer.from(`${head}${"x".repeat(40_000)}`))).toBeNull();
    expect(readPlainMail(Buffer.from("From: ann@example.com\r\nSubject: a\r\n b\r\n\r\nhi"))).toBeNull();
    expect(readPlainMail(Buffer.from("From: ann@example.com\r\nSubject: caf\u00e9\r\n\r\nhi"))).toBeNull();
    expect(readPlainMail(Buffer.from("just text, no headers"))).toBeNull();
    expect(readPlainMail("not a buffer" as unknown as Buffer)).toBeNull();
    expect(readPlainMail(Buffer.from(`${head}hi`))).toMatchObject({ from: [{ address: "ann@example.com", name: "" }], text: "hi" });
  });
});
