/**
 * Twilio's own published signature vectors, reproduced byte for byte:
 * - twilio/twilio-node spec/validation.spec.js ("Request validation": token 12345, the mycompany.com URL);
 * - twilio/twilio-python tests/unit/test_request_validator.py (the repeated `Digits` parameter);
 * - twilio/twilio-csharp test/Twilio.Test/Security/RequestValidatorTest.cs (mixed-case hosts, kept as received);
 * - the same example on https://www.twilio.com/docs/usage/webhooks/webhooks-security (RSOYDt4T1cUTdK1PDd93/VVr8B8=).
 */
import { describe, expect, it } from "vitest";
import { signedUrlCandidates, twilioSignature, twilioSignatureMatches, type FormParams } from "./signature";

const token = "12345";
const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
const params: FormParams = Object.entries({ CallSid: "CA1234567890ABCDE", Caller: "+14158675309", Digits: "1234", From: "+14158675309", To: "+18005551212" });
const valid = (signature: string, at: string, p: FormParams = params) => twilioSignatureMatches(token, signature, [at], p);

describe("Twilio request signature: the published vectors", () => {
  it("computes the documented example", () => {
    expect(twilioSignature(token, url, params)).toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    // Parameter order in the body does not matter: names are sorted.
    expect(twilioSignature(token, url, [...params].reverse())).toBe("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  });

  it.each([
    ["the URL as configured", url, "RSOYDt4T1cUTdK1PDd93/VVr8B8="],
    ["https with a port: signed without it", url.replace(".com", ".com:1234"), "RSOYDt4T1cUTdK1PDd93/VVr8B8="],
    ["http with a port: signed with it", url.replace(".com", ".com:1234").replace("https", "http"), "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="],
    ["https without a port: signed with :443", url, "kvajT1Ptam85bY51eRf/AJRuM3w="],
    ["http without a port: signed with :80", url.replace("https", "http"), "0ZXoZLH/DfblKGATFgpif+LLRf4="],
    ["credentials in the URL", "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "CukzLTc1tT5dXEDIHm/tKBanW10="],
    ["only a user name", "https://user@mycompany.com/myapp.php?foo=1&bar=2", "2YRLlVAflCqxaNicjMpJcSTgzSs="],
    ["credentials, signed with :443", "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI="],
    ["special characters in the query, as received", `${url}&Body=It's+amazing`, "dsq4Ehbj6cs+KdTkpF5sSSplOWw="],
    ["a mixed-case host, as received (csharp)", "https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU="],
    ["a mixed-case host with a port (csharp)", "https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "PCqOZm8cnu/L6+u5i5fuEd+Iac4="],
    ["a mixed-case http host, signed with :80 (csharp)", "http://MyCompany.com/myapp.php?foo=1&bar=2", "XY7AlKOKL6im4yWyX84gldUrtis="],
    ["https with its own port kept (csharp)", "https://mycompany.com:1234/myapp.php?foo=1&bar=2", "CYn1h0gLBdNxDGkKJg6hYohgeD8="],
  ])("accepts %s", (_case, at, signature) => {
    expect(valid(signature, at)).toBe(true);
  });

  it("includes repeated parameters: names sorted, values sorted, a repeated value once", () => {
    // twilio-python: Digits=5678&Digits=1234; twilio-node: Digits [5678, 1234, 1234].
    const two: FormParams = [
      ["Sid", "CA123"],
      ["SidAccount", "AC123"],
      ["Digits", "5678"],
      ["Digits", "1234"],
    ];
    expect(twilioSignature(token, url, two)).toBe("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
    expect(twilioSignature(token, url, [...two, ["Digits", "1234"]])).toBe("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
    // twilio-node: an array parameter, whatever the order of its values.
    for (const addresses of [
      ["+1325xxxxxxx", "+1415xxxxxxx"],
      ["+1415xxxxxxx", "+1325xxxxxxx"],
    ]) {
      expect(
        twilioSignature(
          token,
          url,
          addresses.map((a) => ["MessagingBinding.Address", a] as const),
        ),
      ).toBe("83O6e2vORAoJHUNzJjDWN1jz+BA=");
    }
  });

  it("refuses a wrong, empty or foreign signature, a changed URL, parameter or token", () => {
    expect(valid("WRONG_SIGNATURE", url)).toBe(false);
    expect(valid("", url)).toBe(false);
    expect(valid("RSOYDt4T1cUTdK1PDd93/VVr8B8=", `${url}&somethingUnexpected=true`)).toBe(false);
    expect(valid("RSOYDt4T1cUTdK1PDd93/VVr8B8=", url, [...params, ["Extra", "1"]])).toBe(false);
    expect(valid("RSOYDt4T1cUTdK1PDd93/VVr8B8=", url, Object.entries({ ...Object.fromEntries(params), Digits: "9999" }))).toBe(false);
    expect(twilioSignatureMatches("54321", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", [url], params)).toBe(false);
    expect(valid("0ZXoZLH/DfblKGATFgpif+LLRf4=", url)).toBe(false); // the http :80 signature is not the https one
  });

  // twilio-node spec/unit/webhooks/webhooks.spec.js: an escaped and an unescaped quote sign alike either way.
  it.each([
    ["https://example.com/path?test=param'WithQuote", "https://example.com/path?test=param%27WithQuote"],
    ["https://example.com/path?test=param%27WithQuote", "https://example.com/path?test=param'WithQuote"],
    ["https://example.com:443/path?test=param", "https://example.com/path?test=param"],
    ["https://example.com/path?test=param", "https://example.com:443/path?test=param"],
  ])("a signature over %s is valid at %s", (signedAt, receivedAt) => {
    const signature = twilioSignature("s3cr3t", signedAt, []);
    expect(twilioSignatureMatches("s3cr3t", signature, [receivedAt], [])).toBe(true);
    expect(twilioSignatureMatches("s3cr3t", signature, ["https://example.com/path?test=param2"], [])).toBe(false);
  });

  it("tries the URL with and without its port, raw first, then normalised", () => {
    expect(signedUrlCandidates("https://Shop.example/in?q=it's")).toEqual([
      "https://Shop.example/in?q=it's",
      "https://Shop.example:443/in?q=it's",
      "https://shop.example/in?q=it%27s",
      "https://shop.example:443/in?q=it%27s",
      "https://shop.example/in?q=it's",
      "https://shop.example:443/in?q=it's",
    ]);
    expect(signedUrlCandidates("not a url")).toEqual(["not a url"]);
  });
});
