import * as z from "zod";
import { inputError } from "../contracts/errors";
import { type AddressBytes, type AddressKind, addressKind, inNetwork, isLocalName, normalHost, parseAddress, unwrap } from "./addresses";

/** One allow-list entry: a host name, or an address / CIDR network; either optionally for one port only. */
type AllowEntry = { name: string; port?: number } | { network: AddressBytes; prefix: number; port?: number };

const HOST_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const entriesSchema = z.array(z.string().trim().min(1).max(300)).max(200);

/**
 * `crm.local`, `crm.local:8443`, `10.0.0.5`, `10.0.0.5:8080`, `10.20.0.0/16`, `fd00::/8`,
 * `[fd00::5]:8080`; null for anything else.
 */
function parseEntry(text: string): AllowEntry | null {
  const entry = text.toLowerCase();
  const cidr = /^([^/]+)\/(\d{1,3})$/.exec(entry);
  if (cidr) {
    const network = parseAddress(cidr[1]);
    const prefix = Number(cidr[2]);
    return network && prefix <= network.length * 8 ? { network, prefix } : null;
  }
  const address = parseAddress(entry); // a bare IPv6 address may end in ":digits": tried before a port
  if (address) return { network: address, prefix: address.length * 8 };
  const withPort = /^(.+):(\d{1,5})$/.exec(entry);
  const host = withPort ? withPort[1] : entry;
  const port = withPort ? Number(withPort[2]) : undefined;
  if (port !== undefined && (port < 1 || port > 65_535)) return null;
  const literal = parseAddress(host);
  if (literal) return { network: literal, prefix: literal.length * 8, port };
  const name = normalHost(host);
  return HOST_NAME.test(name) ? { name, port } : null;
}

/** Where a request goes: the URL's host (normalised), its port, and the address it connects to. */
export type Destination = { host: string; port: number; address: string };

/**
 * The outbound policy: public addresses may be called; internal ones (loopback, private,
 * link-local, metadata, ...) only where the allow list names them, each entry for exactly what it
 * names (a host name for that name, an address or CIDR for those addresses, a port for that port).
 * @example createAddressPolicy(["crm.local:8443", "10.20.0.0/16"]).refusal({ host: "crm.local", port: 8443, address: "10.0.0.9" }) // null
 */
export function createAddressPolicy(allow: readonly string[]) {
  const entries = entriesSchema.parse(allow).map((text) => {
    const entry = parseEntry(text);
    if (!entry) throw inputError("outbound.allow-entry", { entry: text });
    return entry;
  });
  const portMatches = (entry: AllowEntry, port: number) => entry.port === undefined || entry.port === port;

  function allowed({ host, port }: Destination, bytes: AddressBytes): boolean {
    return entries.some((entry) => {
      if (!portMatches(entry, port)) return false;
      if ("name" in entry) return entry.name === host;
      return inNetwork(bytes, entry.network, entry.prefix) || inNetwork(unwrap(bytes), entry.network, entry.prefix);
    });
  }

  /** Why this destination is refused (the kind of internal address), or null when it may be called. */
  function refusal(destination: Destination): Exclude<AddressKind, "public"> | null {
    const bytes = parseAddress(destination.address);
    if (!bytes) return "reserved";
    const kind = addressKind(bytes);
    return kind === "public" || allowed(destination, bytes) ? null : kind;
  }

  /**
   * The internal host a URL names literally (an IP address or a localhost name), unless the allow
   * list names it: what can be known without DNS, for publish-time checks.
   */
  function literalRefusal(url: string): { host: string; kind: AddressKind } | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    const host = normalHost(parsed.hostname);
    const port = portOf(parsed);
    const address = isLocalName(host) ? "127.0.0.1" : parseAddress(host) && host;
    if (!address) return null;
    const kind = refusal({ host, port, address });
    return kind ? { host: parsed.host, kind } : null;
  }

  return { refusal, literalRefusal };
}

export type AddressPolicy = ReturnType<typeof createAddressPolicy>;

/** The port a URL connects to. */
export const portOf = (url: URL) => Number(url.port) || (url.protocol === "https:" ? 443 : 80);
