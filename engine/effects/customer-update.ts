import * as z from "zod";
import { defineEffect, effectSchema } from "./define-effect";

/** CRM fields merged into the customer's, in the step's transaction. */
export const customerUpdate = defineEffect({
  kind: "customer.update",
  schema: effectSchema("customer.update", { fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) }),
  write(effect, step) {
    if (step.customerId) step.repos.customers.mergeFields(step.customerId, effect.fields);
  },
  simulate: () => {},
  describe: (effect, { locale }) => `${locale === "ru" ? "Поля клиента" : "Customer fields"}: ${Object.keys(effect.fields).join(", ")}`,
});
