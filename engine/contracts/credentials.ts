import * as z from "zod";

/**
 * How a credential is applied to a request: `bearer` → `Authorization: Bearer <value>`; `header` →
 * `<headerName>: <value>`; `basic` → `Authorization: Basic base64(<value>)`, the value being `user:password`.
 */
export const CREDENTIAL_KINDS = ["bearer", "header", "basic"] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const credentialId = z.string().min(1).max(64);
export const credentialName = z.string().trim().min(1).max(80);
/** A header value: no line breaks (they would smuggle in other headers). */
export const credentialValue = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[^\r\n\0]*$/, "no line breaks");
/** An HTTP header name (RFC 9110 token). */
export const credentialHeaderName = z
  .string()
  .trim()
  .max(100)
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "a header name, e.g. X-Api-Key");

export const newCredentialSchema = z.object({
  name: credentialName,
  kind: z.enum(CREDENTIAL_KINDS),
  /** Only for `header`. */
  headerName: credentialHeaderName.optional(),
  value: credentialValue,
});
export type NewCredential = z.input<typeof newCredentialSchema>;

export const replaceCredentialSchema = z.object({ id: credentialId, value: credentialValue });
export const renameCredentialSchema = z.object({ id: credentialId, name: credentialName });

/** A credential as anyone may see it: never its value. */
export type CredentialView = {
  id: string;
  name: string;
  kind: CredentialKind;
  headerName: string | null;
  /** The value's last characters (for long values only), to tell two tokens apart. */
  hint: string;
  createdAt: string;
  updatedAt: string;
};

/** Nodes name a credential by id in a setting called `credential`: the ids a flow document uses. */
export function credentialsUsedBy(document: { nodes: { settings?: Record<string, unknown> }[] }): string[] {
  return document.nodes.flatMap((n) => (typeof n.settings?.credential === "string" ? [n.settings.credential] : []));
}
