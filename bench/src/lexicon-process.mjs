// The whole-process peer of `rift analyze` in the analysis benchmark: node itself, a lexicon package
// (sentiment or vader-sentiment) loaded from analyze's dependencies, and the same JSONL in and out:
// each line parsed, its text scored, the label and score appended to the line, written in chunks.
// Usage: node lexicon-process.mjs sentiment|vader-sentiment INPUT OUTPUT
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';

const [system, inputPath, outputPath] = process.argv.slice(2);
const require = createRequire(new URL('../../analyze/package.json', import.meta.url));
let score;
if (system === 'sentiment') {
  const Sentiment = require('sentiment');
  const scorer = new Sentiment();
  score = (text) => scorer.analyze(text).score;
} else if (system === 'vader-sentiment') {
  const vader = require('vader-sentiment');
  score = (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
} else {
  throw new Error(`unknown system ${system}`);
}
const output = createWriteStream(outputPath);
const decoder = new StringDecoder('utf8');
let rest = '';
let chunk = '';
for await (const piece of createReadStream(inputPath, { highWaterMark: 1 << 20 })) {
  const text = rest + decoder.write(piece);
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    const line = text.slice(start, nl);
    start = nl + 1;
    const s = score(JSON.parse(line).text ?? '');
    chunk += `${line.slice(0, line.lastIndexOf('}'))},"sentiment":{"label":"${s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral'}","score":${s}}}\n`;
    if (chunk.length >= 1 << 18) {
      if (!output.write(chunk)) await once(output, 'drain');
      chunk = '';
    }
  }
  rest = text.slice(start);
}
output.end(chunk);
await once(output, 'finish');
