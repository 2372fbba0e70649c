import * as z from "zod";

/**
 * What an API key may call: `events` (`POST /api/events`), `hooks:*` (every flow webhook) or
 * `hooks:<name>` (one webhook, `POST /api/hooks/<name>`).
 */
export const apiKeyScopeSchema = z.string().regex(/^(events|hooks:\*|hooks:[a-z0-9][a-z0-9-]{0,59})$/, "events, hooks:* or hooks:<name>");
export type ApiKeyScope = z.infer<typeof apiKeyScopeSchema>;

/** A new API key: a name people recognise and at least one scope. */
export const newApiKeySchema = z.object({
  name: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
  scopes: z
    .array(apiKeyScopeSchema)
    .min(1, "choose at least one scope")
    .max(20)
    .transform((scopes) => [...new Set(scopes)]),
});
export type NewApiKey = z.input<typeof newApiKeySchema>;

/** An API key id as it appears in keys and signatures. */
export const apiKeyIdSchema = z.string().regex(/^[0-9a-f]{16}$/, "not an API key id");

/** A web chat visitor's token as the chat panel holds it (`<visitorId>.<signature>`). */
export const visitorTokenSchema = z.string().min(1).max(256);

/** Whether `scopes` allow a call that needs `needed` (`events` or `hooks:<name>`). */
export function scopeGrants(scopes: readonly string[], needed: string): boolean {
  return scopes.includes(needed) || (needed.startsWith("hooks:") && scopes.includes("hooks:*"));
}
