// The SMTP load of figure (f2), in its own process so the client's MIME encoding does not share the
// server's event loop: `node smtp-client.mjs <port> <to> <prefix> <mails> <connections> <inFlight>`.
// Sends a tenth of the mails to warm up, then `mails` 10 KB mails from distinct senders over a
// nodemailer pool, `inFlight` at once; every answer must be a 250. Prints {"mailsPerSec": n}.
import nodemailer from "nodemailer";

const [port, to, prefix, mails, connections, inFlight] = process.argv.slice(2);
const MAIL_BYTES = 10 * 1024;
const line = "The parcel I ordered last week has not arrived; the tracking page says nothing since Monday.\n";
const text = line.repeat(Math.ceil(MAIL_BYTES / line.length)).slice(0, MAIL_BYTES);
const transport = nodemailer.createTransport({
  host: "127.0.0.1",
  port: Number(port),
  secure: false,
  ignoreTLS: true,
  pool: true,
  maxConnections: Number(connections),
  maxMessages: Number.POSITIVE_INFINITY,
});

async function run(label, count) {
  let next = 0;
  const sender = async () => {
    for (let n = next++; n < count; n = next++) {
      const from = `"Customer ${n}" <${prefix}-${label}${n}@mail.example>`;
      const sent = await transport.sendMail({ from, to, subject: `Parcel ${n}`, text, messageId: `<${prefix}-${label}-${n}@mail.example>` });
      if (!sent.response.startsWith("250")) throw new Error(`SMTP answered ${sent.response}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Number(inFlight) }, sender));
  return count / ((performance.now() - started) / 1000);
}

await run("warm", Math.ceil(Number(mails) / 10));
const mailsPerSec = await run("mail", Number(mails));
transport.close();
console.log(JSON.stringify({ mailsPerSec }));
