import { describe, expect, it } from "vitest";
import { addressKind, parseAddress } from "./addresses";

const kind = (text: string) => addressKind(parseAddress(text)!);

describe("addressKind", () => {
  it("names every internal IPv4 range", () => {
    expect(["127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "169.254.1.1"].map(kind)).toEqual([
      "loopback",
      "loopback",
      "private",
      "private",
      "private",
      "private",
      "metadata",
      "link-local",
    ]);
    expect(["100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.1", "239.1.1.1", "255.255.255.255", "240.0.0.1", "198.18.0.1"].map(kind)).toEqual([
      "shared",
      "shared",
      "unspecified",
      "multicast",
      "multicast",
      "broadcast",
      "reserved",
      "reserved",
    ]);
  });

  it("leaves public addresses public, including the neighbours of internal ranges", () => {
    expect(["8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "169.253.1.1", "11.0.0.1", "2606:4700::1111"].map(kind)).toEqual(Array(7).fill("public"));
  });

  it("names internal IPv6 ranges", () => {
    expect(["::1", "::", "fe80::1", "fe80::1%eth0", "fd00::5", "fc00::1", "fd00:ec2::254", "ff02::1", "[::1]"].map(kind)).toEqual([
      "loopback",
      "unspecified",
      "link-local",
      "link-local",
      "unique-local",
      "unique-local",
      "unique-local",
      "multicast",
      "loopback",
    ]);
  });

  it("sees through IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4)", () => {
    expect(["::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:a9fe:a9fe", "::127.0.0.1", "64:ff9b::a00:1", "2002:c0a8:101::1", "::ffff:8.8.8.8"].map(kind)).toEqual([
      "loopback",
      "loopback",
      "metadata",
      "loopback",
      "private",
      "private",
      "public",
    ]);
  });

  it("parses only addresses", () => {
    expect(parseAddress("localhost")).toBeNull();
    expect(parseAddress("1.2.3")).toBeNull();
    expect(parseAddress("example.com")).toBeNull();
    expect([...parseAddress("::ffff:1.2.3.4")!]).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4]);
  });
});
