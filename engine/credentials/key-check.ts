import type { CredentialRepository } from "../store/credentials";
import { createSecretBox, type SecretBox, SecretUnreadable } from "./secret-box";

const CHECK_TEXT = "omniflow secret key check";
const CHECK_CONTEXT = "secret-key-check";

/** The secret key does not open this database's credentials: the engine refuses to start. */
export class SecretKeyMismatch extends Error {
  override name = "SecretKeyMismatch";
  constructor(source: string) {
    super(
      `The secret key from ${source} is not the key this database's credentials were sealed with. ` +
        "Start with the original key (OMNIFLOW_SECRET_KEY, or the key file beside the database): without it no credential can be read.",
    );
  }
}

/**
 * The secret box for `key` (read once by the caller with `loadSecretKey`; `source` names where it came
 * from). A row sealed at first start proves on every later start that the key is the same one, so a
 * wrong key fails here, at start, rather than at a customer's first request that needs a secret.
 */
export function unlockSecrets(key: Buffer, source: string, repo: Pick<CredentialRepository, "keyCheck" | "setKeyCheck">, at: number): SecretBox {
  const box = createSecretBox(key);
  const sealed = repo.keyCheck();
  if (sealed === undefined) {
    repo.setKeyCheck(box.seal(CHECK_TEXT, CHECK_CONTEXT), at);
    return box;
  }
  try {
    if (box.open(sealed, CHECK_CONTEXT) === CHECK_TEXT) return box;
  } catch (error) {
    if (!(error instanceof SecretUnreadable)) throw error;
  }
  throw new SecretKeyMismatch(source);
}
