/** The VADER word ratings that `vader-sentiment` ships as an ES module (it has no types). */
declare module 'vader-sentiment/src/vader_lexicon.js' {
  export const lexicon: Record<string, number>;
}
