import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDb } from "../testing/temp-db";
import { openStore, type Store } from "./index";
import { createPrisma } from "./prisma";

describe("Prisma, imported with its first query (real SQLite)", () => {
  let tmp: ReturnType<typeof tempDb>;
  let store: Store;
  beforeEach(() => {
    tmp = tempDb("omniflow-prisma-");
    store = openStore(tmp.file); // migrates the file
  });
  afterEach(async () => {
    await store.close();
    tmp.remove();
  });

  it("answers a model's queries as Prisma does, failures included", async () => {
    const prisma = createPrisma(tmp.file);
    await prisma.operator.create({ data: { id: "op-1", name: "Ann", email: "ann@acme.test" } });
    expect(await prisma.operator.findMany({ select: { id: true, name: true } })).toEqual([{ id: "op-1", name: "Ann" }]);
    expect(prisma.operator).toBe(prisma.operator);
    await expect(prisma.operator.findUniqueOrThrow({ where: { id: "nobody" } })).rejects.toThrow(/No record was found|not found/i);
    await prisma.$disconnect();
  });

  it("disconnects without ever importing the client when nothing asked it anything", async () => {
    await expect(createPrisma(tmp.file).$disconnect()).resolves.toBeUndefined();
  });
});
