import * as z from "zod";

/** What personal data is replaced with, wherever it was (texts, JSON values, addresses). */
export const ERASED = "[erased]";

/** Typed by a person before an erasure, unless they type the customer's name. */
export const ERASE_WORD = "ERASE";

/** Whether what a person typed confirms erasing a customer: the word ERASE, or the customer's name (any case). */
export function confirmsErase(confirmation: string, name: string | null): boolean {
  const typed = confirmation.trim();
  if (typed === ERASE_WORD) return true;
  return !!name?.trim() && typed.toLocaleLowerCase() === name.trim().toLocaleLowerCase();
}

/** Days to keep something, or null: keep it forever. At most 100 years, so a typo cannot overflow a date. */
const days = z.number().int().min(1).max(36_500).nullable();

/**
 * How long personal data is kept. Older message bodies are blanked (the messages stay, so counts
 * add up); older logs (event log, inbox and settled outbox payloads) keep only their ids and types.
 */
export const retentionSchema = z
  .object({ messageBodiesDays: days.default(null), logsDays: days.default(null) })
  .strict()
  .default({ messageBodiesDays: null, logsDays: null });
export type Retention = z.infer<typeof retentionSchema>;

/** A search over customers: by name, address or id; one page at a time. */
export const customerSearchSchema = z.object({
  query: z.string().trim().max(200).default(""),
  page: z.number().int().min(0).max(10_000).default(0),
  pageSize: z.number().int().min(1).max(50).default(20),
});
export type CustomerSearch = z.input<typeof customerSearchSchema>;

export const customerIdSchema = z.string().trim().min(1).max(100);
