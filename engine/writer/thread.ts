import { Worker } from "node:worker_threads";
import { StoreUnavailableError } from "../contracts/errors";
import type { GroupCommitOptions } from "../runtime/group-commit";
import type { InstanceLimits } from "../runtime/instance-limits";
import type { Committed } from "../store/outbox";
import type { CommandArg, CommandName, CommandResult, Writer } from "./commands";
import { batchedPost } from "./batched-post";
import { fromWire, type WireError } from "./wire-errors";

export type WriterThreadOptions = {
  /** The worker's script: dist/writer-thread.mjs beside the server bundle (scripts/build-server.ts). */
  script: string;
  dbFile: string;
  instanceLimits: InstanceLimits;
  commits?: Pick<GroupCommitOptions, "maxPending" | "giveUpAfterMs">;
  /** Channels whose replies their commit delivers (store/outbox.ts), as the engine's own store has them. */
  deliveredOnCommit: readonly string[];
  /** The durable fence's slots (store/durable-fence.ts); the thread holds slot 1 (the engine's own writer slot 0). */
  fenceBuffer: SharedArrayBuffer;
  /** Called after each of the thread's commits is on disk, with the outbox rows it wrote (the dispatcher starts them) and the replies it delivered. */
  committed: (written: Committed[]) => void;
};

export type WriterThreadData = Omit<WriterThreadOptions, "script" | "committed">;
export type ToWriter = { id: number; name: CommandName; arg: unknown } | { versionsChanged: true } | { erased: true } | { go: true } | { close: true };
export type FromWriter = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError } | { committed: Committed[] } | { ready: true };

/** A writer thread that died this soon after it started waits a moment before the next start (no tight crash loop). */
const QUICK_DEATH_MS = 1000;

/**
 * The engine's writer on its own thread (writer/writer-thread.ts): its connection, group commit, steps
 * and WAL checkpoints run there, so the thread serving HTTP and pages never runs a step or waits for SQLite,
 * and the process uses a second core. Commands go over as messages and come back once committed and on disk.
 * A thread that dies is started again; what it had not answered is refused (503: the sender retries, and
 * intake drops the repeat of anything that was committed after all).
 *
 * Until the thread is ready (its modules loaded and its connection open: ~0.3 s at start, while providers
 * retry into a restarted server), commands run on `inline`, the engine's own writer. Once it is ready,
 * commands go to the thread, which holds them until the last inline one is committed (`go`): one writer at a
 * time, so a conversation's events keep their order.
 */
export function startWriterThread(options: WriterThreadOptions, inline: Writer): Writer {
  const { script, committed, ...data } = options;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let nextId = 0;
  let closing = false;
  let worker: Worker;
  /** Between a thread's start and its exit (a dead one is started again after a pause). */
  let alive = false;
  let ready = false;
  let released = false;
  let inlineRunning = 0;
  const releaseWhenInlineDone = () => {
    if (!ready || released || inlineRunning > 0) return;
    released = true;
    post({ go: true });
  };

  const receive = (m: FromWriter) => {
    if ("committed" in m) return committed(m.committed);
    if ("ready" in m) {
      ready = true;
      return releaseWhenInlineDone();
    }
    const entry = waiting.get(m.id);
    if (!entry) return;
    waiting.delete(m.id);
    if (m.ok) entry.resolve(m.value);
    else entry.reject(fromWire(m.error));
  };

  const start = () => {
    const startedAt = Date.now();
    worker = new Worker(script, { workerData: data satisfies WriterThreadData });
    alive = true;
    worker.on("message", (batch: FromWriter[]) => batch.forEach(receive));
    worker.on("error", (error) => console.error("the writer thread failed", error));
    worker.on("exit", (code) => {
      for (const entry of waiting.values()) entry.reject(new StoreUnavailableError("store.unsynced", { seconds: 1 }, 1));
      waiting.clear();
      post.drop();
      alive = false;
      ready = false;
      released = false;
      if (closing) return;
      console.error(`the writer thread stopped (exit code ${code}); starting it again`);
      setTimeout(() => closing || start(), Date.now() - startedAt < QUICK_DEATH_MS ? QUICK_DEATH_MS : 0);
    });
  };
  start();

  const post = batchedPost<ToWriter>({ postMessage: (batch) => worker.postMessage(batch) }, setImmediate, (m, error) => {
    const entry = "id" in m ? waiting.get(m.id) : undefined;
    if (!entry || !("id" in m)) return console.error("the writer thread could not be sent a message", error);
    waiting.delete(m.id); // not cloneable: a programming error, not the store's
    entry.reject(error);
  });

  return {
    run<K extends CommandName>(name: K, arg: CommandArg<K>): Promise<CommandResult<K>> {
      if (!ready) {
        inlineRunning++;
        return inline.run(name, arg).finally(() => {
          inlineRunning--;
          releaseWhenInlineDone();
        });
      }
      return new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        post({ id, name, arg });
      });
    },
    versionsChanged: () => post({ versionsChanged: true }),
    erased: () => post({ erased: true }),
    where: () => (ready ? "thread" : "inline"),
    async close() {
      // Everything sent is answered first (the engine stopped its jobs and drained its outbox before this).
      for (let waited = 0; waiting.size > 0 && waited < 10_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
      closing = true;
      if (!alive) return; // died, and not started again now
      const exited = new Promise((resolve) => worker.once("exit", resolve));
      post({ close: true });
      // It closes its store and ends; one that does not within 5 s (a back-off timer still pending) is stopped.
      const stop = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(stop);
    },
  };
}
