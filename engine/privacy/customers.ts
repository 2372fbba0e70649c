import { type CustomerSearch, customerIdSchema, customerSearchSchema } from "../contracts/privacy";
import { inputError } from "../contracts/errors";
import { knownAs, shownIdentities } from "../contracts/identity";
import type { CustomerRepository } from "../store/customers";

/** The customers the engine holds data about: found by name, address or id, and one customer's profile. */
export function createCustomerDirectory(customers: CustomerRepository) {
  return {
    /** One page of customers matching `query` (all when empty), newest first, and how many match. */
    async search(input: CustomerSearch) {
      const { query, page, pageSize } = customerSearchSchema.parse(input);
      const { total, rows } = await customers.search(query, page * pageSize, pageSize);
      return {
        total,
        page,
        pageSize,
        customers: rows.map((c) => ({
          id: c.id,
          name: c.name,
          knownAs: knownAs(c),
          identities: shownIdentities(c.identities),
          createdAt: c.createdAt,
          erasedAt: c.erasedAt,
        })),
      };
    },

    /** A customer's profile, identities and how much is held about them. */
    async get(customerId: string) {
      const id = customerIdSchema.parse(customerId);
      const found = await customers.withCounts(id);
      if (!found) throw inputError("customer.not-found", { customerId: id }, "customerId");
      const { customer, counts } = found;
      return {
        id: customer.id,
        name: customer.name,
        knownAs: knownAs(customer),
        fields: JSON.parse(customer.fields) as Record<string, unknown>,
        identities: shownIdentities(customer.identities),
        createdAt: customer.createdAt,
        erasedAt: customer.erasedAt,
        mergedIntoId: customer.mergedIntoId,
        counts,
      };
    },
  };
}
