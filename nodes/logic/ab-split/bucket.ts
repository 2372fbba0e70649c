/** FNV-1a, 32 bits, over UTF-16 code units: a stable, fast, well-spread string hash. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The customer's bucket 0..99 at one split node: the same customer always lands in the same one. */
export const bucketOf = (key: string) => fnv1a(key) % 100;
