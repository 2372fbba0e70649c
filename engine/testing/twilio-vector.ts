import { expect, it } from "vitest";
import type { ChannelAdapter } from "../channels/channel";

/**
 * Declares the test every Twilio-signed channel passes: Twilio's published signature example, verified
 * as the request it describes by an adapter configured with its token and public URL.
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security and twilio/twilio-node spec/validation.spec.js:
 * token 12345, this URL and these parameters give RSOYDt4T1cUTdK1PDd93/VVr8B8= (kvajT1Ptam85bY51eRf/AJRuM3w= with :443).
 */
export function itVerifiesTwilioPublishedExample(adapterFor: (authToken: string, webhookUrl: string) => Pick<ChannelAdapter, "verify">) {
  it("verifies Twilio's published example (a Gather's keys: CallSid, Caller, Digits, From, To) as the request it describes", async () => {
    const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    const body = new URLSearchParams({ CallSid: "CA1234567890ABCDE", Caller: "+14158675309", Digits: "1234", From: "+14158675309", To: "+18005551212" });
    const documented = adapterFor("12345", url);
    const request = (signature: string) => ({
      method: "POST",
      url: "http://10.0.0.5:3000/myapp.php?foo=1&bar=2",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
      body: Buffer.from(body.toString()),
    });
    expect(await documented.verify(request("RSOYDt4T1cUTdK1PDd93/VVr8B8="))).toEqual({ ok: true });
    expect(await documented.verify(request("kvajT1Ptam85bY51eRf/AJRuM3w="))).toEqual({ ok: true });
    expect(await documented.verify(request("0ZXoZLH/DfblKGATFgpif+LLRf4="))).toMatchObject({ ok: false }); // http's, not https'
  });
}
