import * as z from "zod";

/**
 * A way to reach a customer that they gave themselves (the chat widget's "leave your e-mail or
 * phone"): an identity claim. Recorded as typed, trimmed; the e-mail lower-cased. Normalising the
 * phone (E.164) and matching it against other customers is identity resolution's job.
 */
export const contactClaimSchema = z
  .object({
    email: z.email("not an e-mail address").max(254, "at most 254 characters").toLowerCase().optional(),
    phone: z
      .string()
      .trim()
      .max(32, "at most 32 characters")
      .regex(/^\+?[0-9][0-9 ().-]{4,}$/, "not a phone number (digits, spaces, + ( ) - .)")
      .optional(),
  })
  .strict()
  .refine((c) => c.email !== undefined || c.phone !== undefined, { message: "give an e-mail or a phone", path: ["email"] });
export type ContactClaim = z.infer<typeof contactClaimSchema>;
