import { type IdentityKind, kindOfChannel, knownAs, READABLE_KINDS } from "../contracts/identity";
import { newId } from "./ids";
import { iso, type Db } from "./db";
import type { PrismaClient } from "./prisma";

export type KnownCustomer = { id: string; name: string | null };
/**
 * An identity: the channel address, and the normalised key lookups go by. A per-channel id
 * (kind "channel") is stored with an empty value: its channel and address are its key, and a random
 * id in the (kind, value) index landed each new customer on a random page of it (1 of ~5.5 WAL pages
 * written per web chat message).
 */
export type IdentityRow = { channel: string; address: string; kind: IdentityKind; value: string };

/** A customer's identities as people see them (channel, address) with what `knownAs` reads (kind, value), oldest first. */
const IDENTITIES = {
  select: { channel: true, address: true, kind: true, value: true },
  orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }],
};

/** Customers, the channel addresses they are known by (identities), and their CRM fields. */
export function createCustomerRepository(db: Db, prisma: PrismaClient) {
  const s = {
    byIdentity: db.prepare(`SELECT c.id, c.name FROM "CustomerIdentity" i JOIN "Customer" c ON c.id = i.customerId WHERE i.channel = ? AND i.address = ?`),
    insert: db.prepare(`INSERT INTO "Customer" (id, name, createdAt) VALUES (?, ?, ?)`),
    name: db.prepare(`UPDATE "Customer" SET name = ? WHERE id = ? AND name IS NULL`),
    // The first customer to hold the key: merged customers hold no identities (theirs moved to the survivor).
    byKey: db.prepare(
      `SELECT c.id, c.name FROM "CustomerIdentity" i JOIN "Customer" c ON c.id = i.customerId WHERE i.kind = ? AND i.value = ? ORDER BY i.createdAt, i.id LIMIT 1`,
    ),
    holds: db.prepare(`SELECT 1 FROM "CustomerIdentity" WHERE customerId = ? AND kind = ? AND value = ? LIMIT 1`),
    identityInsert: db.prepare(
      `INSERT INTO "CustomerIdentity" (id, customerId, channel, address, kind, value, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (channel, address) DO NOTHING`,
    ),
    state: db.prepare(`SELECT id, name, fields, mergedIntoId, erasedAt FROM "Customer" WHERE id = ?`),
    firstIdentity: db.prepare(
      `SELECT c.id, c.name, i.channel, i.address FROM "Customer" c JOIN "CustomerIdentity" i ON i.customerId = c.id WHERE c.id = ? ORDER BY i.createdAt LIMIT 1`,
    ),
    address: db.prepare(`SELECT address FROM "CustomerIdentity" WHERE customerId = ? AND channel = ? ORDER BY createdAt DESC LIMIT 1`),
    identities: db.prepare(`SELECT channel, address, kind, value FROM "CustomerIdentity" WHERE customerId = ? ORDER BY createdAt, id`),
    valueOfKind: db.prepare(`SELECT value FROM "CustomerIdentity" WHERE customerId = ? AND kind = ? ORDER BY createdAt DESC LIMIT 1`),
    fields: db.prepare(`UPDATE "Customer" SET fields = json_patch(fields, ?) WHERE id = ?`),
  };

  return {
    /** The customer known on `channel` by `address`, if any. */
    byIdentity(channel: string, address: string): KnownCustomer | undefined {
      return s.byIdentity.get(channel, address) as KnownCustomer | undefined;
    },
    /** The customer who holds a normalised phone or e-mail (the first to, if several do), if any. */
    byKey(kind: IdentityKind, value: string): KnownCustomer | undefined {
      return s.byKey.get(kind, value) as KnownCustomer | undefined;
    },
    /** Whether the customer holds this normalised identity. */
    holds(customerId: string, kind: IdentityKind, value: string): boolean {
      return s.holds.get(customerId, kind, value) !== undefined;
    },
    /** The customer's identities, oldest first. */
    identitiesOf: (customerId: string) => s.identities.all(customerId) as IdentityRow[],
    /** The customer's row as merges and imports read it (fields as JSON text). */
    state(id: string) {
      return s.state.get(id) as { id: string; name: string | null; fields: string; mergedIntoId: string | null; erasedAt: string | null } | undefined;
    },
    create(name: string | null, at: number): string {
      const id = newId();
      s.insert.run(id, name, iso(at));
      return id;
    },
    /** Gives a nameless customer the name a channel reported. */
    nameIfUnknown(id: string, name: string): void {
      s.name.run(name, id);
    },
    /** Files an identity under the customer; an address already known on the channel is left where it is (false). */
    addIdentity(customerId: string, identity: IdentityRow, at: number): boolean {
      const value = identity.kind === "channel" ? "" : identity.value;
      return s.identityInsert.run(newId(), customerId, identity.channel, identity.address, identity.kind, value, iso(at)).changes > 0;
    },
    /** The customer with the channel address they were first known by. */
    withFirstIdentity(id: string): (KnownCustomer & { channel: string; address: string }) | undefined {
      return s.firstIdentity.get(id) as (KnownCustomer & { channel: string; address: string }) | undefined;
    },
    /**
     * The customer's latest address on a channel; on a phone channel or e-mail, else their latest phone
     * or e-mail known from anywhere (a number given on SMS reaches them on WhatsApp). Null when there is none.
     */
    addressOn(customerId: string, channel: string): string | null {
      const own = s.address.get(customerId, channel) as { address: string } | undefined;
      if (own) return own.address;
      const kind = kindOfChannel(channel);
      return kind ? ((s.valueOfKind.get(customerId, kind) as { value: string } | undefined)?.value ?? null) : null;
    },
    /** Merges fields into the customer's CRM fields. */
    mergeFields(customerId: string, fields: Record<string, unknown>): void {
      s.fields.run(JSON.stringify(fields), customerId);
    },
    /** What people call each of the given customers (`knownAs`: their name, else an e-mail or phone), in one query. */
    async knownAs(ids: string[]): Promise<Map<string, string | null>> {
      const rows = await prisma.customer.findMany({
        where: { id: { in: [...new Set(ids)] } },
        select: { id: true, name: true, identities: { where: { kind: { in: [...READABLE_KINDS] } }, ...IDENTITIES } },
      });
      return new Map(rows.map((c) => [c.id, knownAs(c)]));
    },
    /** One page of customers whose id is `query` or whose name or an address contains it (all when empty), newest first, and how many match. */
    async search(query: string, skip: number, take: number) {
      // Customers merged into another are found as that one.
      const matches = query
        ? {
            OR: [
              { id: query },
              { name: { contains: query } },
              { identities: { some: { OR: [{ address: { contains: query } }, { value: { contains: query } }] } } },
            ],
          }
        : {};
      const where = { mergedIntoId: null, ...matches };
      const [total, rows] = await Promise.all([
        prisma.customer.count({ where }),
        prisma.customer.findMany({
          where,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          skip,
          take,
          include: { identities: IDENTITIES },
        }),
      ]);
      return { total, rows };
    },
    /** A customer with their identities and how much is held about them (for the privacy page). */
    async withCounts(id: string) {
      const customer = await prisma.customer.findUnique({
        where: { id },
        include: { identities: IDENTITIES, _count: { select: { conversations: true, cases: true } } },
      });
      if (!customer) return null;
      const [messages, tasks, instances] = await Promise.all([
        prisma.message.count({ where: { conversation: { customerId: id } } }),
        prisma.task.count({ where: { customerId: id } }),
        prisma.instance.count({ where: { customerId: id } }),
      ]);
      return { customer, counts: { conversations: customer._count.conversations, cases: customer._count.cases, messages, tasks, instances } };
    },
    /** A customer's card: identities, CRM fields (JSON text) and the cases still being worked on. */
    card(id: string, caseStatuses: string[]) {
      return prisma.customer.findUnique({
        where: { id },
        include: {
          identities: IDENTITIES,
          cases: { where: { status: { in: caseStatuses } }, orderBy: { updatedAt: "desc" }, take: 10 },
        },
      });
    },
  };
}

export type CustomerRepository = ReturnType<typeof createCustomerRepository>;
