/**
 * Child process for crash-recovery.test.ts: opens the engine, ingests one message (its step
 * commits), then dies by SIGKILL at the moment the test names. Never returns normally.
 * Usage: node --import tsx tests/integration/crash-child.ts <before-dispatch|after-send> <db file> <log file>
 */
import { appendFileSync } from "node:fs";
import { createEngine } from "../../engine/index";
import { recordingChannel } from "../../engine/testing/recording-channel";
import { chat } from "../../engine/testing/test-engine";

export type CrashPoint = "before-dispatch" | "after-send";
/** One line of the child's log: what it committed and what the provider accepted. */
export type CrashLog = { event: "committed"; instanceId: string | null } | { event: "sent"; key: string; text: string };

const [point, dbFile, logFile] = process.argv.slice(2) as [CrashPoint, string, string];
const log = (entry: CrashLog) => appendFileSync(logFile, `${JSON.stringify(entry)}\n`);
const die = () => process.kill(process.pid, "SIGKILL");

const engine = createEngine({
  dbFile,
  background: false,
  // The provider accepted the message: it is on its side now, whatever happens to us next.
  channels: [recordingChannel({ onSend: (m) => log({ event: "sent", key: m.key, text: m.text }) })],
  faults: point === "after-send" ? { afterSend: die } : undefined,
});

const { instanceId } = await engine.receive("webchat", chat("visitor-1", "provider-1", "Is my order shipped?"));
log({ event: "committed", instanceId });
if (point === "before-dispatch") die();
await engine.dispatch();
process.exit(3); // not reached: the fault hook kills the process first
