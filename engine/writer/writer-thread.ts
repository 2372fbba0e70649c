/**
 * The writer thread's entry (see writer/thread.ts): opens its own connection to the engine's database
 * (already migrated by the engine), wires intake and the flow runtime over it, runs each command it is
 * sent in its group commit and answers once that commit is on disk; checkpoints the WAL from here too,
 * so the checkpointer's quiet moments hold this thread's commits.
 */
import { parentPort, workerData } from "node:worker_threads";
import { forgetReadPhones } from "../customers/identity-key";
import { createGroupCommit } from "../runtime/group-commit";
import { createDurableFence } from "../store/durable-fence";
import { openStore } from "../store/index";
import type { CommandName, WriterCommands } from "./commands";
import type { FromWriter, ToWriter, WriterThreadData } from "./thread";
import { batchedPost } from "./batched-post";
import { toWire } from "./wire-errors";
import { wireWriter } from "./wiring";

const port = parentPort!;
const data = workerData as WriterThreadData;
// Answers settled in one turn (a commit's) go back together.
const send = batchedPost<FromWriter>(port, queueMicrotask, (_, error) => console.error("the writer thread could not answer", error));

const store = openStore(data.dbFile, { groupCommitsOnly: true, deliveredOnCommit: data.deliveredOnCommit });
const { versions, commands } = wireWriter(store, data.instanceLimits, Date.now);
const commits = createGroupCommit(store.unsyncedTransaction, {
  ...data.commits,
  durable: store.syncCommitted,
  afterCommit: (written) => send({ committed: written }),
  journal: store.outbox.journal,
  fence: createDurableFence(data.fenceBuffer, 1),
});
const stopCheckpoints = store.startCheckpoints({ quiet: commits.hold });
// Nothing commits here before the engine's own writer has committed what it took while this thread started.
const startedHold = commits.hold();

port.on("message", (batch: ToWriter[]) => batch.forEach(receive));

function receive(m: ToWriter) {
  if ("versionsChanged" in m) return versions.invalidate();
  if ("erased" in m) return forgetReadPhones();
  if ("go" in m) return startedHold();
  if ("close" in m) return void close();
  const command = commands[m.name as CommandName] as (arg: unknown) => ReturnType<WriterCommands[CommandName]>;
  commits
    .submit(() => command(m.arg))
    .then(
      (value) => send({ id: m.id, ok: true, value }),
      (error) => send({ id: m.id, ok: false, error: toWire(error) }),
    );
}

send({ ready: true });

/** The engine closes this thread once nothing it sent is unanswered. */
async function close() {
  await stopCheckpoints();
  await store.close();
  port.close();
}
