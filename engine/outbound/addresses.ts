import { isIPv4, isIPv6 } from "node:net";

/** An IP address as bytes: 4 for IPv4, 16 for IPv6. */
export type AddressBytes = Uint8Array;

/** Why an address is not on the public internet ("public" when it is). */
export type AddressKind =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "metadata"
  | "unique-local"
  | "shared"
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "reserved";

/** Parses `10.0.0.1`, `::1`, `[::ffff:127.0.0.1]`, `fe80::1%eth0`; null for anything else (names included). */
export function parseAddress(text: string): AddressBytes | null {
  const bare = text.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  if (isIPv4(bare)) return Uint8Array.from(bare.split(".").map(Number));
  return isIPv6(bare) ? parseV6(bare) : null;
}

function parseV6(text: string): AddressBytes {
  // A dotted IPv4 tail (::ffff:1.2.3.4) becomes two hex groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  const hex = dotted ? `${dotted[1]}${v4Groups(dotted[2])}` : text;
  const [head, tail] = hex.split("::");
  const groups = (part: string | undefined) => (part ? part.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const front = groups(head);
  const back = groups(tail);
  const all = tail === undefined ? front : [...front, ...new Array(8 - front.length - back.length).fill(0), ...back];
  return Uint8Array.from(all.flatMap((g) => [g >> 8, g & 0xff]));
}

const v4Groups = (v4: string) => {
  const [a, b, c, d] = v4.split(".").map(Number);
  return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
};

/** Whether `address` lies in `network/prefix` (same family). */
export function inNetwork(address: AddressBytes, network: AddressBytes, prefix: number): boolean {
  if (address.length !== network.length) return false;
  for (let bit = 0; bit < prefix; bit += 8) {
    const mask = prefix - bit >= 8 ? 0xff : (0xff << (8 - (prefix - bit))) & 0xff;
    if ((address[bit / 8] & mask) !== (network[bit / 8] & mask)) return false;
  }
  return true;
}

/**
 * The IPv4 address an IPv6 one carries (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d,
 * NAT64 64:ff9b::/96, 6to4 2002::/16), else the address itself: such forms reach the IPv4 host.
 */
export function unwrap(address: AddressBytes): AddressBytes {
  if (address.length === 4) return address;
  const zeros = (from: number, to: number) => address.subarray(from, to).every((b) => b === 0);
  const mapped = zeros(0, 10) && address[10] === 0xff && address[11] === 0xff;
  const compatible = zeros(0, 12) && !(zeros(12, 15) && address[15] <= 1); // :: and ::1 stay IPv6
  const nat64 = inNetwork(address, (nat64Prefix ??= parseAddress("64:ff9b::") as AddressBytes), 96);
  if (mapped || compatible || nat64) return address.slice(12, 16);
  if (address[0] === 0x20 && address[1] === 0x02) return address.slice(2, 6);
  return address;
}

// Both parsed on first use, not as this module loads: parsing them runs node's address regexps so often that V8
// compiles them to machine code, which the server's start-up snapshot cannot hold (scripts/build-server.ts).
let nat64Prefix: AddressBytes | undefined;
let ranges: [AddressBytes, number, Exclude<AddressKind, "public">][] | undefined;

/** Blocked ranges, most specific first: [network, prefix, kind]. */
const blockedRanges = () =>
  (ranges ??= (
    [
      ["169.254.169.254", 32, "metadata"],
      ["255.255.255.255", 32, "broadcast"],
      ["0.0.0.0", 8, "unspecified"],
      ["10.0.0.0", 8, "private"],
      ["100.64.0.0", 10, "shared"],
      ["127.0.0.0", 8, "loopback"],
      ["169.254.0.0", 16, "link-local"],
      ["172.16.0.0", 12, "private"],
      ["192.0.0.0", 24, "reserved"],
      ["192.168.0.0", 16, "private"],
      ["198.18.0.0", 15, "reserved"],
      ["224.0.0.0", 4, "multicast"],
      ["240.0.0.0", 4, "reserved"],
      ["::", 128, "unspecified"],
      ["::1", 128, "loopback"],
      ["64:ff9b:1::", 48, "reserved"],
      ["100::", 64, "reserved"],
      ["fc00::", 7, "unique-local"],
      ["fe80::", 10, "link-local"],
      ["fec0::", 10, "reserved"],
      ["ff00::", 8, "multicast"],
    ] as const
  ).map(([network, prefix, kind]) => [parseAddress(network) as AddressBytes, prefix, kind]));

/** What kind of address this is; anything outside the blocked ranges is "public". */
export function addressKind(address: AddressBytes): AddressKind {
  const target = unwrap(address);
  return blockedRanges().find(([network, prefix]) => inNetwork(target, network, prefix))?.[2] ?? "public";
}

/** Names that mean this machine without asking DNS (RFC 6761): they resolve to loopback. */
export const isLocalName = (host: string) => /(^|\.)localhost$/.test(host) || host === "localhost.localdomain" || /^ip6-(localhost|loopback)$/.test(host);

/** A URL's hostname as compared everywhere: lower case, no brackets, no trailing dot. */
export const normalHost = (hostname: string) =>
  hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
