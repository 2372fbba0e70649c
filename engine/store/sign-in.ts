import type { PrismaClient } from "./prisma";

/**
 * better-auth's tables (Operator as its user, Session, Account, Verification) through Prisma.
 * No adapter transactions: an interactive Prisma transaction would hold SQLite's write lock across
 * awaits while the engine's synchronous commits wait for it; sign-in writes are single rows.
 */
export function createSignInStore(prisma: PrismaClient) {
  return {
    /** The adapter better-auth reads and writes through (loaded with better-auth, on first use). */
    async database() {
      const { prismaAdapter } = await import("better-auth/adapters/prisma");
      return prismaAdapter(prisma, { provider: "sqlite", transaction: false });
    },
    /** Gives a staff member a password sign-in (`hash` from better-auth's hasher); replaces an existing one. */
    async setPasswordHash(operatorId: string, hash: string): Promise<void> {
      const id = `credential-${operatorId}`;
      await prisma.account.upsert({
        where: { id },
        create: { id, accountId: operatorId, providerId: "credential", userId: operatorId, password: hash },
        update: { password: hash },
      });
    },
    async hasPassword(operatorId: string): Promise<boolean> {
      return (await prisma.account.count({ where: { userId: operatorId, providerId: "credential" } })) > 0;
    },
    async setLanguage(operatorId: string, language: string | null): Promise<void> {
      await prisma.operator.update({ where: { id: operatorId }, data: { language } });
    },
  };
}

export type SignInStore = ReturnType<typeof createSignInStore>;
