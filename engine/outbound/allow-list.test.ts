import { describe, expect, it } from "vitest";
import { createAddressPolicy } from "./allow-list";

describe("the outbound address policy", () => {
  const policy = createAddressPolicy(["crm.local:8443", "10.20.0.0/16", "127.0.0.1:8080", "[fd00::5]:9000", "erp.corp"]);
  const refusal = (host: string, port: number, address: string) => policy.refusal({ host, port, address });

  it("lets public addresses through whatever the list says", () => {
    expect(refusal("example.com", 443, "93.184.216.34")).toBeNull();
    expect(createAddressPolicy([]).refusal({ host: "example.com", port: 80, address: "2606:4700::1111" })).toBeNull();
  });

  it("refuses internal addresses the list does not name", () => {
    expect(refusal("intranet", 80, "10.1.0.5")).toBe("private");
    expect(refusal("x", 80, "169.254.169.254")).toBe("metadata");
    expect(refusal("x", 80, "::ffff:127.0.0.1")).toBe("loopback");
  });

  it("allows each entry for exactly what it names", () => {
    expect(refusal("crm.local", 8443, "10.1.0.5")).toBeNull(); // the name, whatever it resolves to
    expect(refusal("crm.local", 443, "10.1.0.5")).toBe("private"); // not on another port
    expect(refusal("CRM.local", 8443, "10.1.0.5")).toBe("private"); // hosts arrive normalised (lower case)
    expect(refusal("other", 80, "10.20.3.4")).toBeNull(); // any name, any port, inside the CIDR
    expect(refusal("other", 80, "::ffff:10.20.3.4")).toBeNull(); // mapped form of the same address
    expect(refusal("other", 80, "10.21.0.1")).toBe("private");
    expect(refusal("127.0.0.1", 8080, "127.0.0.1")).toBeNull();
    expect(refusal("127.0.0.1", 8081, "127.0.0.1")).toBe("loopback");
    expect(refusal("fd00::5", 9000, "fd00::5")).toBeNull();
    expect(refusal("fd00::5", 9001, "fd00::5")).toBe("unique-local");
    expect(refusal("erp.corp", 1234, "192.168.0.9")).toBeNull();
  });

  it("finds internal hosts written literally in a URL, for the publish check", () => {
    expect(policy.literalRefusal("http://169.254.169.254/latest/meta-data")).toEqual({ host: "169.254.169.254", kind: "metadata" });
    expect(policy.literalRefusal("http://localhost/")).toEqual({ host: "localhost", kind: "loopback" });
    expect(policy.literalRefusal("http://[::1]:3000/")).toEqual({ host: "[::1]:3000", kind: "loopback" });
    expect(policy.literalRefusal("http://0x7f.1/")).toEqual({ host: "127.0.0.1", kind: "loopback" }); // the URL parser's own reading
    expect(policy.literalRefusal("http://127.0.0.1:8080/x")).toBeNull(); // allowed
    expect(policy.literalRefusal("https://crm.example.com/")).toBeNull(); // a name: known only after DNS
    expect(policy.literalRefusal("not a url")).toBeNull();
  });

  it("refuses an entry it cannot read, naming it", () => {
    expect(() => createAddressPolicy(["crm.local", "http://x/"])).toThrow('"http://x/" is not a host');
    expect(() => createAddressPolicy(["10.0.0.0/33"])).toThrow("10.0.0.0/33");
    expect(() => createAddressPolicy(["crm.local:70000"])).toThrow("crm.local:70000");
  });
});
