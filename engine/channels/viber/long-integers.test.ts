import { describe, expect, it } from "vitest";
import { quoteLongIntegers } from "./long-integers";

const quoted = (text: string) => quoteLongIntegers(Buffer.from(text, "utf8")).toString("utf8");

describe("quoteLongIntegers", () => {
  it("quotes integers a double cannot hold, and leaves every other number and all strings alone", () => {
    expect(quoted('{"t":4912661846655238145,"n":-49126618466552381450,"ms":1457764197627}')).toBe(
      '{"t":"4912661846655238145","n":"-49126618466552381450","ms":1457764197627}',
    );
    expect(quoted('{"x":1.2345678901234567e5,"y":12345678901234567.5,"s":"4912661846655238145 \\" 4912661846655238145"}')).toBe(
      '{"x":1.2345678901234567e5,"y":12345678901234567.5,"s":"4912661846655238145 \\" 4912661846655238145"}',
    );
    expect(quoted("[9007199254740991, 123456789012345]")).toBe('["9007199254740991", 123456789012345]');
  });

  it("keeps the bytes around them, invalid UTF-8 included, for the body's own checks", () => {
    const bytes = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","t":1234567890123456789}')]);
    const out = quoteLongIntegers(bytes);
    expect(out.subarray(0, 8)).toEqual(bytes.subarray(0, 8));
    expect(out.toString("latin1").endsWith('"t":"1234567890123456789"}')).toBe(true);
    const plain = Buffer.from('{"a":1}');
    expect(quoteLongIntegers(plain)).toEqual(plain);
  });
});
