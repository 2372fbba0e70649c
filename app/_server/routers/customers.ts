import * as z from "zod";
import { csvImportSchema, defaultRegionSchema, mergeIdSchema, mergeSuggestionIdSchema, timelinePageSchema } from "@/engine/contracts/identity";
import { customerIdSchema, customerSearchSchema } from "@/engine/contracts/privacy";
import { procedure, router } from "../trpc";

const customerId = z.object({ customerId: customerIdSchema });
/** Merge acts name the customer whose card they were taken on too, so the audit row carries both ids. */
const suggestion = customerId.extend({ suggestionId: mergeSuggestionIdSchema });

/**
 * Customers the engine holds data about: their one timeline across channels, merge suggestions
 * (accept = merge, reject), splitting a merge, the CSV import, and their personal data (export, erase).
 */
export const customersRouter = router({
  list: procedure.input(customerSearchSchema).query(({ ctx, input }) => ctx.engine.customers.search(input)),
  get: procedure.input(customerId).query(({ ctx, input }) => ctx.engine.customers.get(input.customerId)),
  timeline: procedure.input(customerId.extend(timelinePageSchema.shape)).query(({ ctx, input }) => ctx.engine.customers.timeline(input.customerId, input)),
  suggestions: procedure.input(customerId).query(({ ctx, input }) => ctx.engine.customers.suggestions(input.customerId)),
  merges: procedure.input(customerId).query(({ ctx, input }) => ctx.engine.customers.merges(input.customerId)),
  acceptMerge: procedure.input(suggestion).mutation(({ ctx, input }) => ctx.engine.customers.acceptMerge(input.suggestionId)),
  rejectMerge: procedure.input(suggestion).mutation(({ ctx, input }) => ctx.engine.customers.rejectMerge(input.suggestionId)),
  split: procedure.input(customerId.extend({ mergeId: mergeIdSchema })).mutation(({ ctx, input }) => ctx.engine.customers.split(input.mergeId)),
  /** The CSV text itself (at most 5 MiB): the audit row keeps only its length. */
  import: procedure.input(csvImportSchema).mutation(({ ctx, input }) => ctx.engine.customers.importCsv(input)),
  defaultRegion: procedure.query(({ ctx }) => ctx.engine.settings.get("identity.defaultRegion")),
  setDefaultRegion: procedure
    .input(z.object({ region: defaultRegionSchema }))
    .mutation(({ ctx, input }) => ctx.engine.settings.set("identity.defaultRegion", input.region)),
  /** A mutation, not a query: handing out someone's whole record is an act worth recording. */
  export: procedure.input(customerId).mutation(({ ctx, input }) => ctx.engine.privacy.exportCustomer(input.customerId)),
  /** `confirmation` is the customer's name or "ERASE", as the person typed it; the engine checks it. */
  erase: procedure
    .input(customerId.extend({ confirmation: z.string().trim().min(1).max(200) }))
    .mutation(({ ctx, input }) => ctx.engine.privacy.eraseCustomer(input.customerId, input.confirmation)),
});
