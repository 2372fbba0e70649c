import {
  type CredentialKind,
  type CredentialView,
  credentialId,
  credentialsUsedBy,
  type NewCredential,
  newCredentialSchema,
  renameCredentialSchema,
  replaceCredentialSchema,
} from "../contracts/credentials";
import { inputError } from "../contracts/errors";
import type { CredentialRepository, CredentialRow } from "../store/credentials";
import type { FlowRepository } from "../store/flows";
import { newId } from "../store/ids";
import type { RevealedCredential } from "./apply";
import type { SecretBox } from "./secret-box";

/** Shorter values get no hint: four characters of a short secret give too much of it away. */
const HINT_FROM_LENGTH = 12;
const hintOf = (value: string) => (value.length >= HINT_FROM_LENGTH ? `…${value.slice(-4)}` : "");

const view = (row: CredentialRow): CredentialView => ({ ...row, kind: row.kind as CredentialKind });

/**
 * Credentials people manage in settings and nodes name by id. Values go in (create, replace) and
 * never come out, except through `reveal`, which only the outbox dispatcher calls, at perform time.
 * Each value is sealed with its row's id bound in (a sealed value copied to another row does not open).
 */
export function createCredentialService(
  repo: CredentialRepository,
  box: SecretBox,
  flows: Pick<FlowRepository, "latestVersions" | "names">,
  clock: () => number,
) {
  function existing(id: string): CredentialRow {
    const row = repo.get(id);
    if (!row) throw inputError("credential.not-found", { credentialId: id }, "id");
    return row;
  }
  function checkName(name: string, exceptId?: string) {
    if (repo.named(name, exceptId)) throw inputError("credential.name-taken", { name }, "name");
  }
  function checkValue(kind: string, value: string) {
    if (kind === "basic" && !value.includes(":")) throw inputError("credential.basic-format", {}, "value");
  }

  return {
    /** Every credential, by name; never a value. */
    list: (): CredentialView[] => repo.list().map(view),

    create(input: NewCredential): CredentialView {
      const { name, kind, headerName, value } = newCredentialSchema.parse(input);
      if (kind === "header" && !headerName) throw inputError("credential.header-name-missing", {}, "headerName");
      checkValue(kind, value);
      checkName(name);
      const id = newId();
      repo.insert({ id, name, kind, headerName: kind === "header" ? (headerName ?? null) : null, sealed: box.seal(value, id), hint: hintOf(value) }, clock());
      return view(existing(id));
    },

    /** A new value for the same credential (a rotated token): nodes using it pick it up at their next request. */
    replace(input: { id: string; value: string }): CredentialView {
      const { id, value } = replaceCredentialSchema.parse(input);
      checkValue(existing(id).kind, value);
      repo.reseal(id, box.seal(value, id), hintOf(value), clock());
      return view(existing(id));
    },

    rename(input: { id: string; name: string }): CredentialView {
      const { id, name } = renameCredentialSchema.parse(input);
      existing(id);
      checkName(name, id);
      repo.rename(id, name, clock());
      return view(existing(id));
    },

    /** Refused while the latest published version of a live flow names it: its requests would fail. */
    async remove(id: string): Promise<void> {
      const row = existing(credentialId.parse(id));
      const flowIds = flows
        .latestVersions()
        .filter((v) => credentialsUsedBy(JSON.parse(v.graph)).includes(id))
        .map((v) => v.flowId);
      if (flowIds.length > 0) {
        const names = (await flows.names(flowIds)).map((f) => f.name);
        throw inputError("credential.in-use", { name: row.name, flows: names.join(", ") }, "id");
      }
      repo.remove(id);
    },

    /**
     * The credential's value, for the dispatcher to apply to one request; undefined if it was
     * removed. Throws SecretUnreadable if the sealed value does not open (altered or foreign).
     */
    reveal(id: string): RevealedCredential | undefined {
      const row = repo.sealed(id);
      return row && { kind: row.kind as CredentialKind, headerName: row.headerName, value: box.open(row.sealed, id) };
    },
  };
}

export type CredentialService = ReturnType<typeof createCredentialService>;
