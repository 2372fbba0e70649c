import type { CredentialKind } from "../contracts/credentials";

/** A credential opened for one request: what the dispatcher applies, never stored or logged. */
export type RevealedCredential = { kind: CredentialKind; headerName: string | null; value: string };

/** The request headers that carry a credential, by its kind (see CREDENTIAL_KINDS). */
export function credentialHeaders({ kind, headerName, value }: RevealedCredential): Record<string, string> {
  switch (kind) {
    case "bearer":
      return { authorization: `Bearer ${value}` };
    case "basic":
      return { authorization: `Basic ${Buffer.from(value, "utf8").toString("base64")}` };
    case "header":
      return { [(headerName ?? "authorization").toLowerCase()]: value };
  }
}
