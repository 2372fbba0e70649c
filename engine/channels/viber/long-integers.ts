/**
 * Viber's message tokens are 64-bit integers written as JSON numbers (4912661846655238145), which
 * JSON.parse rounds: two messages could share an id, and a status would name a message we never sent.
 * Integers of 16 digits or more are turned into strings before parsing. Only ASCII bytes are
 * matched, so the UTF-8 around them (and its checks in parseJsonBody) is untouched.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
/** What a JSON number may be made of. */
const isNumberByte = (b: number) => isDigit(b) || b === MINUS || b === 0x2b || b === 0x2e || b === 0x45 || b === 0x65;

/** Digits and at most a leading minus, 16 digits or more (Number.MAX_SAFE_INTEGER has 16). */
function isLongInteger(bytes: Uint8Array, from: number, to: number): boolean {
  const start = bytes[from] === MINUS ? from + 1 : from;
  if (to - start < 16) return false;
  for (let i = start; i < to; i++) if (!isDigit(bytes[i])) return false;
  return true;
}

export function quoteLongIntegers(bytes: Uint8Array): Buffer {
  const parts: Uint8Array[] = [];
  let copied = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (isDigit(b) || b === MINUS) {
      let end = i;
      while (end < bytes.length && isNumberByte(bytes[end])) end++;
      if (isLongInteger(bytes, i, end)) {
        parts.push(bytes.subarray(copied, i), Buffer.from('"'), bytes.subarray(i, end), Buffer.from('"'));
        copied = end;
      }
      i = end - 1;
    }
  }
  if (copied === 0) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  parts.push(bytes.subarray(copied));
  return Buffer.concat(parts);
}
