import type { CredentialRepository } from "../store/credentials";
import { createSecretBox, type SecretBox, SecretUnreadable } from "./secret-box";
import { loadSecretKey } from "./secret-key";

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
 * The secret box for the database `dbFile`: its key from OMNIFLOW_SECRET_KEY or `<dbFile>.key`.
 * A row sealed at first start proves on every later start that the key is the same one, so a
 * wrong key fails here, at start, rather than at a customer's first request that needs a secret.
 */
export function unlockSecrets(
  dbFile: string,
  repo: Pick<CredentialRepository, "keyCheck" | "setKeyCheck">,
  at: number,
  env = process.env.OMNIFLOW_SECRET_KEY,
): SecretBox {
  const keyFile = `${dbFile}.key`;
  const box = createSecretBox(loadSecretKey(keyFile, env));
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
  throw new SecretKeyMismatch(env ? "OMNIFLOW_SECRET_KEY" : keyFile);
}
