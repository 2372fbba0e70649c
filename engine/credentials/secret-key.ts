import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";

/**
 * The engine's secret key: OMNIFLOW_SECRET_KEY (32 bytes as base64 or 64 hex digits) if set,
 * else a key file beside the database, generated once with mode 0600. A key file readable by
 * others is refused rather than used.
 */
export function loadSecretKey(keyFile: string, env: string | undefined = process.env.OMNIFLOW_SECRET_KEY): Buffer {
  if (env) return parseKey(env, "OMNIFLOW_SECRET_KEY");
  if (!existsSync(keyFile)) {
    writeFileSync(keyFile, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    chmodSync(keyFile, 0o600); // the umask may have narrowed it further, never widened: make it exact
  }
  if ((statSync(keyFile).mode & 0o077) !== 0) throw new Error(`The key file ${keyFile} is readable by other users: chmod 600 it.`);
  return parseKey(readFileSync(keyFile, "utf8").trim(), keyFile);
}

function parseKey(text: string, source: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) throw new Error(`${source} must hold a 32-byte key (base64 or 64 hex digits).`);
  return key;
}
