/**
 * A small local intent classifier trained from a handful of example phrases per intent.
 *
 * A phrase becomes a sparse TF-IDF vector of its word stems plus the character trigrams of those
 * stems (so "заблокируйте" still meets "заблокировать" when Snowball cuts them differently).
 * A message scores, per intent, the cosine similarity to that intent's closest example; the best
 * intent wins and its score (0..1) is the confidence. Words seen in no example still count in the
 * message's length, so a message that is mostly unrelated text gets a low confidence.
 */
import { stem, words } from "./text";

export type IntentExamples = { name: string; examples: string[] };
export type Classification = { intent: string | null; confidence: number };

type Vector = Map<string, number>;
type Model = { names: string[]; idf: Map<string, number>; unseenIdf: number; examples: { intent: number; vector: Vector }[] };

/** Carrier words that say nothing about what the customer wants. */
const STOP_WORDS = new Set(
  (
    "a an the i me my mine you your we our us it its this that these those is are am was were be been do does did " +
    "what to of in on at for from with and or but so if please can could would will shall should may might want wanna like " +
    "need d m s ll ve re hi hello hey thanks thank " +
    "я мне меня мой моя мою мое мои моего моей ты вы вас вам ваш ваша вашу мы нас нам наш он она оно они его ее их " +
    "это этот эта эту эти тот та то и или а но в во на с со к ко по за из о об у от до для же ли бы ну вот " +
    "пожалуйста хочу хотел хотела хотим хотелось можно нужно надо мог могу можете могли как что чтобы " +
    "здравствуйте привет добрый день спасибо"
  ).split(" "),
);
/** Trigrams help across inflections; they weigh less than a whole matching stem. */
const GRAM_WEIGHT = 0.5;

function rawFeatures(text: string): Vector {
  const vector: Vector = new Map();
  const add = (feature: string, weight: number) => vector.set(feature, (vector.get(feature) ?? 0) + weight);
  for (const word of words(text)) {
    if (STOP_WORDS.has(word)) continue;
    const s = stem(word);
    add(`w:${s}`, 1);
    const padded = `<${s}>`;
    if (s.length >= 3) for (let i = 0; i + 3 <= padded.length; i++) add(`g:${padded.slice(i, i + 3)}`, GRAM_WEIGHT);
  }
  return vector;
}

function weigh(raw: Vector, idf: Map<string, number>, unseenIdf: number): Vector {
  const vector: Vector = new Map();
  let norm = 0;
  for (const [feature, weight] of raw) {
    const w = weight * (idf.get(feature) ?? unseenIdf);
    vector.set(feature, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [feature, w] of vector) vector.set(feature, w / norm);
  return vector;
}

function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [feature, w] of small) sum += w * (large.get(feature) ?? 0);
  return sum;
}

/** Builds the model; intent-level IDF, so a word shared by every intent weighs least. */
export function train(intents: IntentExamples[]): Model {
  const raw = intents.map((intent) => intent.examples.map(rawFeatures));
  const intentsWith = new Map<string, number>();
  for (const examples of raw) {
    for (const feature of new Set(examples.flatMap((v) => [...v.keys()]))) intentsWith.set(feature, (intentsWith.get(feature) ?? 0) + 1);
  }
  const k = intents.length;
  const idf = new Map([...intentsWith].map(([feature, n]) => [feature, Math.log(1 + k / n)]));
  const unseenIdf = Math.log(1 + k);
  const examples = raw.flatMap((vectors, intent) => vectors.map((v) => ({ intent, vector: weigh(v, idf, unseenIdf) })));
  return { names: intents.map((i) => i.name), idf, unseenIdf, examples };
}

/** The closest intent and how close it is (0..1); `intent` is null when nothing is similar at all. */
export function classify(model: Model, text: string): Classification {
  const query = weigh(rawFeatures(text), model.idf, model.unseenIdf);
  const scores = model.names.map(() => 0);
  for (const { intent, vector } of model.examples) scores[intent] = Math.max(scores[intent], dot(query, vector));
  let best = -1;
  scores.forEach((score, i) => {
    if (score > 0 && (best < 0 || score > scores[best])) best = i;
  });
  return best < 0 ? { intent: null, confidence: 0 } : { intent: model.names[best], confidence: Math.min(1, scores[best]) };
}
