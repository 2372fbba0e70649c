/** The part of the `sentiment` package (CommonJS, no types of its own) that the scorer uses. */
declare module "sentiment" {
  export default class Sentiment {
    analyze(phrase: string): { score: number; comparative: number; positive: string[]; negative: string[] };
  }
}
