import { createAuditRepository } from "./audit";
import { createApiKeyRepository } from "./api-keys";
import { type CheckpointOptions, startCheckpoints, truncateWal } from "./checkpoint";
import { createCaseRepository } from "./cases";
import { createConversationRepository } from "./conversations";
import { createCredentialRepository } from "./credentials";
import { createCustomerRepository } from "./customers";
import { defaultDbFile, openDatabase } from "./db";
import { createFlowRepository } from "./flows";
import { createHandoffRepository } from "./handoffs";
import { createInboxRepository } from "./inbox";
import { createMergeRepository } from "./merges";
import { createTimelineRepository } from "./timeline";
import { createInstanceRepository } from "./instances";
import { createOutboxRepository } from "./outbox";
import { createPrivacyRepository } from "./privacy";
import { createPrisma } from "./prisma";
import { createSignInStore } from "./sign-in";
import { createSettingRepository } from "./settings";
import { createChannelSettingRepository } from "./channel-settings";
import { createStaffRepository } from "./staff";
import { createTaskRepository } from "./tasks";
import { createTimerRepository } from "./timers";
import { createWalSync } from "./wal-sync";

/**
 * The one door to the database: a repository per aggregate. Nothing outside `store/` prepares
 * SQL or calls Prisma. Hot-path methods are synchronous prepared statements (they run inside the
 * group commit's transaction); reads for pages go through Prisma and are async.
 */
export function openStore(file = defaultDbFile(), options: { groupCommitsOnly?: boolean; deliveredOnCommit?: readonly string[] } = {}) {
  const db = openDatabase(file);
  // The writer thread's connection writes only in group commits, which flush the WAL themselves: NORMAL once,
  // instead of switching to NORMAL and back around every commit (~2 % of that thread's time).
  const groupCommitsOnly = options.groupCommitsOnly ?? false;
  if (groupCommitsOnly) db.pragma("synchronous = NORMAL");
  const prisma = createPrisma(file);
  const walSync = createWalSync(file);
  return {
    file,
    inbox: createInboxRepository(db),
    customers: createCustomerRepository(db, prisma),
    conversations: createConversationRepository(db, prisma),
    handoffs: createHandoffRepository(db),
    merges: createMergeRepository(db),
    timeline: createTimelineRepository(db),
    instances: createInstanceRepository(db, prisma),
    timers: createTimerRepository(db),
    outbox: createOutboxRepository(db, options.deliveredOnCommit),
    tasks: createTaskRepository(db, prisma),
    staff: createStaffRepository(db, prisma),
    cases: createCaseRepository(db),
    flows: createFlowRepository(db, prisma),
    signIn: createSignInStore(prisma),
    credentials: createCredentialRepository(db),
    audit: createAuditRepository(db),
    apiKeys: createApiKeyRepository(db, prisma),
    privacy: createPrivacyRepository(db),
    settings: createSettingRepository(db),
    channelSettings: createChannelSettingRepository(db),
    /**
     * Wraps `fn` so each call runs in one transaction (a savepoint when nested). IMMEDIATE: the
     * write lock is taken at BEGIN, so a busy store fails before any work ran (and the work can
     * simply be run again), never halfway through.
     */
    transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
      if (groupCommitsOnly) throw new Error("this connection commits only in its group commit (synchronous=NORMAL, the WAL flushed after)");
      return db.transaction(fn).immediate as unknown as (...args: A) => R;
    },
    /**
     * As `transaction`, but its COMMIT does not fsync (synchronous=NORMAL): the group commit's, which
     * then awaits `syncCommitted` before telling anyone, so the event loop never waits for the disk.
     */
    unsyncedTransaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
      const run = db.transaction(fn).immediate as unknown as (...args: A) => R;
      if (groupCommitsOnly) return run;
      return (...args: A) => {
        if (db.inTransaction) return run(...args); // a savepoint: the outer transaction decides
        db.pragma("synchronous = NORMAL");
        try {
          return run(...args);
        } finally {
          db.pragma("synchronous = FULL");
        }
      };
    },
    /** Resolves once every transaction committed so far is on disk (an fdatasync of the WAL on the thread pool). */
    syncCommitted: () => walSync.sync(),
    /** Checkpoints the WAL on the engine's schedule; returns the stop function. */
    startCheckpoints: (options: Pick<CheckpointOptions, "quiet" | "checkpointing"> = {}) => startCheckpoints(file, options),
    /** Empties the WAL into the file now (after an erasure); false when a reader held part of it. */
    truncateWal: () => truncateWal(db),
    async close() {
      await prisma.$disconnect();
      await walSync.close();
      db.close();
    },
  };
}

export type Store = ReturnType<typeof openStore>;

/** The repositories a step's transaction writes through. */
export type StepRepositories = Pick<
  Store,
  "inbox" | "customers" | "conversations" | "handoffs" | "merges" | "instances" | "timers" | "outbox" | "tasks" | "staff" | "cases"
>;
