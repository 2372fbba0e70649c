/**
 * A local sentiment score: AFINN-165 (the `sentiment` package, English words and emoji) plus a
 * Russian lexicon of word beginnings with phrase and negation handling. Below zero is negative.
 */
import Sentiment from "sentiment";
import { words } from "../intent/text";
import { NEGATORS, RU_PHRASES, RU_WORDS } from "./lexicon-ru";

// Made on the first score: the server's build loads the package only then (scripts/build-server.ts).
let afinn: Sentiment | undefined;
const MIN_ENTRY = 3;

/** Parts shorter than an entry match whole words ("в", "не"); longer ones match word beginnings. */
const partMatches = (word: string | undefined, part: string) => word !== undefined && (part.length < MIN_ENTRY ? word === part : word.startsWith(part));

function wordWeight(word: string): number {
  for (let end = word.length; end >= MIN_ENTRY; end--) {
    const weight = RU_WORDS.get(word.slice(0, end));
    if (weight !== undefined) return weight;
  }
  return 0;
}

/**
 * Russian part of the score: phrases first, then single words; a standalone не / нет / без flips
 * the next sentiment word within two words ("не очень хорошо").
 */
export function russianScore(text: string): number {
  const tokens = words(text);
  let score = 0;
  let flipUntil = -1;
  for (let i = 0; i < tokens.length; ) {
    const phrase = RU_PHRASES.find((p) => p.parts.every((part, j) => partMatches(tokens[i + j], part)));
    if (phrase) {
      score += phrase.weight;
      i += phrase.parts.length;
      continue;
    }
    const weight = wordWeight(tokens[i]);
    if (NEGATORS.has(tokens[i])) flipUntil = i + 2;
    else if (weight) {
      score += i <= flipUntil ? -weight : weight;
      flipUntil = -1;
    }
    i++;
  }
  return score;
}

/** The text's score on the AFINN scale: sums of word weights, English and Russian together. */
export function sentimentScore(text: string): number {
  afinn ??= new Sentiment();
  return afinn.analyze(text).score + russianScore(text);
}
