import { z } from "zod";
import { customerIdSchema, customerSearchSchema } from "@/engine/contracts/privacy";
import { procedure, router } from "../trpc";

const customerId = z.object({ customerId: customerIdSchema });

/** Customers the engine holds data about, and their personal data: export it, or erase it. */
export const customersRouter = router({
  list: procedure.input(customerSearchSchema).query(({ ctx, input }) => ctx.engine.customers.search(input)),
  get: procedure.input(customerId).query(({ ctx, input }) => ctx.engine.customers.get(input.customerId)),
  /** A mutation, not a query: handing out someone's whole record is an act worth recording. */
  export: procedure.input(customerId).mutation(({ ctx, input }) => ctx.engine.privacy.exportCustomer(input.customerId)),
  /** `confirmation` is the customer's name or "ERASE", as the person typed it; the engine checks it. */
  erase: procedure
    .input(customerId.extend({ confirmation: z.string().trim().min(1).max(200) }))
    .mutation(({ ctx, input }) => ctx.engine.privacy.eraseCustomer(input.customerId, input.confirmation)),
});
