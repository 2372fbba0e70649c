/**
 * Word-level text helpers shared by the local language nodes (intent, sentiment): Unicode words
 * and Snowball stems, Russian for Cyrillic words and English for the rest.
 */
import { newStemmer } from "snowball-stemmers";

// Made on the first stem: the server's build loads the package only then (scripts/build-server.ts).
let stemmers: { russian: ReturnType<typeof newStemmer>; english: ReturnType<typeof newStemmer> } | undefined;
const WORD = /[\p{L}\p{N}]+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/** Lower-cased words (letters and digits in any script); ё is folded into е. */
export function words(text: string): string[] {
  return text.toLowerCase().replaceAll("ё", "е").match(WORD) ?? [];
}

// Customers reuse a small vocabulary; the cache is dropped when full so it stays bounded.
const stems = new Map<string, string>();
const MAX_CACHED = 20_000;

/** The Snowball stem of a lower-cased word; numbers and other scripts stay as they are. */
export function stem(word: string): string {
  let result = stems.get(word);
  if (result === undefined) {
    stemmers ??= { russian: newStemmer("russian"), english: newStemmer("english") };
    result = CYRILLIC.test(word) ? stemmers.russian.stem(word) : LATIN.test(word) ? stemmers.english.stem(word) : word;
    if (stems.size >= MAX_CACHED) stems.clear();
    stems.set(word, result);
  }
  return result;
}
