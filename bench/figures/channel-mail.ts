import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { RawRequest } from "../../engine/channels/channel";
import { settingsSchema } from "../../engine/channels/email/settings";
import { startSmtpListener } from "../../engine/channels/email/smtp-listener";
import { createEngine } from "../../engine/index";
import { seedDemoFlow, seedStaff } from "../../prisma/seed";
import { countInbound, dropOutbox, settingsOf } from "../lib/channel-traffic";
import { childScript, runChild } from "../lib/children";
import { fmt, type Row } from "../lib/report";
import { percentile } from "../lib/stats";
import { tempDir } from "../lib/temp";

const TARGET = 200; // mails/s (issue 17)

/** A bare SMTP server that reads each mail to its end and answers 250: the ceiling of the listener. */
async function bareSmtp() {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    disableReverseLookup: true,
    maxAllowedUnauthenticatedCommands: false,
    logger: false,
    onData(stream, _session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => callback(null, "2.0.0 Ok"));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.server.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** `mails` 10 KB mails (after a tenth to warm up) from the client child (children/smtp-client.mjs); resolves with mails/s. */
async function sendMails(port: number, to: string, prefix: string, mails: number, connections: number, inFlight: number): Promise<number> {
  const args = [port, to, prefix, mails, connections, inFlight].map(String);
  return (await runChild<{ mailsPerSec: number }>(childScript("smtp-client.mjs"), args)).result.mailsPerSec;
}

/**
 * Figure (f2): 10 KB mails into the SMTP listener on 127.0.0.1, each committed (verify, MIME parse,
 * intake of the demo flow (on every channel)) before its 250; background off as in (b).
 * Ceiling: the same client against a bare smtp-server that only reads and accepts.
 */
export async function channelMail(mails: number, connections: number, inFlight: number): Promise<Row[]> {
  const tmp = tempDir("smtp");
  try {
    const raw = settingsOf("email");
    const engine = createEngine({ dbFile: tmp.db(), background: false, channelSettings: { email: raw } });
    await seedStaff(engine);
    await seedDemoFlow(engine, "en");
    const settings = settingsSchema.parse(raw);
    // How long each mail takes from the end of DATA to its commit (the listener's hand-off to the engine).
    const commits: number[] = [];
    const receive = async (request: RawRequest) => {
      const started = performance.now();
      const reply = await engine.receiveRequest("email", request);
      commits.push(performance.now() - started);
      return reply;
    };
    const listener = await startSmtpListener({ settings, port: 0, receive });
    const to = settings.fromAddress;
    const rate = await sendMails(listener.port, to, "listener", mails, connections, inFlight);
    await listener.close();
    const taken = countInbound(engine);
    if (taken !== mails + Math.ceil(mails / 10)) throw new Error(`SMTP: ${taken} mails committed`);
    dropOutbox(engine);
    await engine.close();

    const bare = await bareSmtp();
    const ceiling = await sendMails(bare.port, to, "bare", mails, connections, inFlight);
    await bare.close();
    return [
      {
        figure: `(f2) SMTP listener: 10 KB mails, nodemailer pool of ${connections} connections, ${inFlight} in flight, committed before 250`,
        value: `${fmt.int(rate)} mails/s`,
        ceiling: `${fmt.int(ceiling)} mails/s bare smtp-server`,
        ratio: `${fmt.pct(rate / ceiling)}; ${fmt.int(rate)} / ≥ ${TARGET} mails/s`,
        pass: rate >= TARGET,
      },
      {
        figure: "(f2) per mail: end of DATA → committed (verify, MIME parse, intake), p50 / p99",
        value: `${fmt.ms(
          percentile(
            commits.sort((a, b) => a - b),
            50,
          ),
        )} / ${fmt.ms(percentile(commits, 99))}`,
        ceiling: "—",
        ratio: "—",
      },
    ];
  } finally {
    tmp.dispose();
  }
}
