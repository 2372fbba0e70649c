/**
 * MIME parsing (mailparser) off the event loop, for any mail but a plain one (plain-mail.ts): a 10 KB
 * mail costs mailparser about a millisecond of CPU, which on the main thread held up every other request
 * (the SMTP listener took 91 mails/s where a bare smtp-server took 462). A few worker threads (one per
 * spare core, at most two) read mails and hand back what mime.ts needs of them; results come back in the
 * order the mails were given, so intake still takes them as they arrived. Mails given in one turn travel
 * to a worker as one message, and what it reads in one turn comes back as one (a message each way per
 * mail cost ~35 µs of CPU a mail). Shared by every e-mail adapter of the process; a worker is kept alive
 * only while it has mail to read, and ends after a minute without any.
 */
import { createRequire } from "node:module";
import os from "node:os";
import { Worker } from "node:worker_threads";
import { readPlainMail } from "./plain-mail";
import type { ReadMail } from "./read-mail";

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { simpleParser } = require(workerData.mailparser);
const OPTIONS = { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true };
// Setting up mailparser's HTML-to-text conversion is half the cost of reading a short mail (122 vs 261 µs here):
// mail is read without it, and read again with it only when it has HTML and no text part.
const FAST = { ...OPTIONS, skipHtmlToText: true };
const RETURNED = /^(text\\/rfc822-headers|message\\/rfc822|message\\/global-headers)$/i;
const list = (h) => (Array.isArray(h) ? h : h ? [h] : []);
const addresses = (objects) => objects.flatMap((o) => o.value.map((a) => ({ address: a.address || "", name: a.name || "" })));
let answers = [];
const answer = (m) => {
  if (answers.length === 0) setImmediate(() => parentPort.postMessage(answers.splice(0)));
  answers.push(m);
};
parentPort.on("message", (mails) => mails.forEach(read));
async function read({ id, raw }) {
  try {
    const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    let mail = await simpleParser(bytes, FAST);
    if (!mail.text && mail.html) mail = await simpleParser(bytes, OPTIONS);
    const type = mail.headers.get("content-type");
    const returned = mail.attachments.find((a) => RETURNED.test(a.contentType));
    answer({ id, mail: {
      contentType: type && typeof type === "object" ? { value: String(type.value), params: type.params || {} } : null,
      autoSubmitted: String(mail.headers.get("auto-submitted") ?? "no"),
      from: addresses(list(mail.from).slice(0, 1)),
      to: addresses(list(mail.to)),
      cc: addresses(list(mail.cc)),
      subject: mail.subject ?? null,
      messageId: mail.messageId ?? null,
      inReplyTo: mail.inReplyTo ?? null,
      references: typeof mail.references === "string" ? [mail.references] : (mail.references ?? []),
      text: mail.text ?? null,
      date: mail.date ? mail.date.getTime() : null,
      attachments: mail.attachments.map((a) => ({ filename: a.filename ?? null, disposition: a.contentDisposition ?? null })),
      returnedHeaders: returned ? returned.content.toString("utf8").split(/\\r?\\n\\r?\\n/)[0] : null,
    } });
  } catch (error) {
    answer({ id, error: String((error && error.message) || error) });
  }
}
`;

// Both found when the first reader starts, not as this module loads: the server's start-up snapshot would keep
// the build machine's cores and folder (scripts/build-server.ts).
const mailparser = () => createRequire(import.meta.url).resolve("mailparser");
const IDLE_MS = 60_000;
const workers = () => Math.max(1, Math.min(2, os.availableParallelism() - 1));

type Waiting = { resolve(mail: ReadMail): void; reject(error: Error): void };
type Reader = { worker: Worker; waiting: Map<number, Waiting>; idle?: NodeJS.Timeout; unsent: { id: number; raw: Buffer }[] };

const readers: Reader[] = [];
let nextId = 0;
/** The last mail handed out: the next one is handed out after it, whichever is read first. */
let previous: Promise<unknown> = Promise.resolve();

const forget = (reader: Reader) => {
  const at = readers.indexOf(reader);
  if (at !== -1) readers.splice(at, 1);
};

function start(): Reader {
  const reader: Reader = { worker: new Worker(WORKER, { eval: true, workerData: { mailparser: mailparser() } }), waiting: new Map(), unsent: [] };
  const { worker, waiting } = reader;
  const stop = (error: Error) => {
    forget(reader);
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on("message", (answers: { id: number; mail?: ReadMail; error?: string }[]) => {
    for (const m of answers) {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.mail) w?.resolve(m.mail);
      else w?.reject(new Error(`unreadable mail: ${m.error}`));
    }
    if (waiting.size === 0) rest(reader);
  });
  worker.on("error", stop);
  worker.on("exit", () => readers.includes(reader) && stop(new Error("the mail reader stopped")));
  readers.push(reader);
  return reader;
}

/** Nothing to read: the worker no longer keeps the process alive, and ends if nothing comes for a while. */
function rest(reader: Reader) {
  reader.worker.unref();
  reader.idle = setTimeout(() => {
    forget(reader);
    void reader.worker.terminate();
  }, IDLE_MS).unref();
}

/** The reader with the least mail waiting; another is started while there is a spare core for it. */
function pick(): Reader {
  const least = readers.reduce<Reader | undefined>((best, r) => (!best || r.waiting.size < best.waiting.size ? r : best), undefined);
  return least && (least.waiting.size === 0 || readers.length >= workers()) ? least : start();
}

/**
 * Reads a mail: a plain one on the spot (plain-mail.ts), any other on a worker thread. Mails resolve in the
 * order they were given, whichever is read first. Rejects when mailparser cannot read it.
 */
export function readMail(raw: Buffer): Promise<ReadMail> {
  const plain = readPlainMail(raw);
  const read = plain ? Promise.resolve(plain) : readOnWorker(raw);
  const inOrder = previous.then(
    () => read,
    () => read,
  );
  previous = inOrder.catch(() => {});
  return inOrder;
}

/** Reads a mail with mailparser on a worker thread, whatever its shape (plain-mail.test.ts compares the two readers). */
export function readOnWorker(raw: Buffer): Promise<ReadMail> {
  const reader = pick();
  clearTimeout(reader.idle);
  reader.worker.ref();
  const id = nextId++;
  const read = new Promise<ReadMail>((resolve, reject) => reader.waiting.set(id, { resolve, reject }));
  if (reader.unsent.length === 0) queueMicrotask(() => reader.worker.postMessage(reader.unsent.splice(0)));
  reader.unsent.push({ id, raw });
  return read;
}
