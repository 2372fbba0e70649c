import type { PrismaClient } from "../../prisma/generated/client";

type Delegate = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * Prisma serves ordinary reads and single-statement writes (flows, lists). It opens its own
 * connection to the same file; it is never used for multi-statement transactions, which would
 * hold SQLite's write lock across awaits while the engine's synchronous commits wait on it.
 *
 * Its client (~500 KB of JavaScript, then a 4 MB query compiler) is imported with the first query,
 * not at start: a restarting server parsed and ran it before its first webhook, which needs none of
 * it. Until then `prisma.<model>.<method>(args)` stands in, resolving to what Prisma's own resolves to
 * (nothing here builds queries without awaiting them, so its lazy promises are not needed).
 */
export function createPrisma(file: string): PrismaClient {
  let client: Promise<PrismaClient> | undefined;
  const open = () => (client ??= import("./prisma-client").then(({ openPrismaClient }) => openPrismaClient(file)));
  const models = new Map<string, Delegate>();
  const model = (name: string): Delegate => {
    let delegate = models.get(name);
    if (!delegate) {
      const call =
        (method: string) =>
        async (...args: unknown[]) =>
          ((await open()) as unknown as Record<string, Delegate>)[name][method](...args);
      delegate = new Proxy({} as Delegate, { get: (_, method) => (typeof method === "string" ? call(method) : undefined) });
      models.set(name, delegate);
    }
    return delegate;
  };
  const disconnect = async () => (client ? (await client).$disconnect() : undefined);
  return new Proxy({} as PrismaClient, {
    get: (_, key) => (key === "$disconnect" ? disconnect : typeof key === "string" ? model(key) : undefined),
  });
}

export type { PrismaClient };
