import { HttpError } from '@rift/core';
import { writeFile } from 'node:fs/promises';
import { drawSample, parseSampleRequest, sampleCsv, sampleKeyCsv, type SampleRequest } from '@rift/api';
import { SLICE_OPTIONS, SLICE_USAGE, sliceInput } from '../slice-options.ts';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

const command: Command = {
  summary: 'draw a reproducible random sample of posts as a CSV sheet for manual coding',
  usage: [
    'Usage: rift sample --n N --seed S [--stratify actor|stance] [--allocation proportional|equal] --output FILE [filters]',
    '',
    'The same seed on the same data draws the same posts. With --stratify, proportional',
    'allocation (default) mirrors the slice; equal gives each label the same number of posts.',
    'The sheet has empty code_stance, code_sentiment, code_actor, coder and coder_notes columns;',
    'fill them in and run rift validate --input FILE. Coders stay blind: model labels and strata are',
    'left out of the sheet; each post\'s stratum goes to FILE.key.csv, for the researcher only.',
    SLICE_USAGE,
  ].join('\n'),
  async run(args) {
    const { values } = parseCommandArgs(args, {
      n: { type: 'string' },
      seed: { type: 'string' },
      stratify: { type: 'string' },
      allocation: { type: 'string' },
      output: { type: 'string' },
      ...SLICE_OPTIONS,
    });
    const { n, seed, stratify, allocation, output, ...filters } = values;
    if (!output) throw new UsageError('--output FILE is required');
    if (!n) throw new UsageError('--n N is required');
    if (!seed) throw new UsageError('--seed S is required, so that the sample can be drawn again');
    let request: SampleRequest;
    try {
      request = parseSampleRequest({ ...sliceInput(filters), n, seed, stratify, allocation });
    } catch (err) {
      if (err instanceof HttpError) throw new UsageError(err.message);
      throw err;
    }
    const runtime = await openRuntime({ name: 'rift-sample', migrate: true });
    try {
      const sample = await drawSample(runtime.clickhouse, request);
      await writeFile(output, sampleCsv(sample, request));
      const keyFile = `${output.replace(/\.csv$/i, '')}.key.csv`;
      await writeFile(keyFile, sampleKeyCsv(sample, request));
      console.log(`sample: ${sample.posts.length} posts (seed ${request.seed}) to ${output}, strata in ${keyFile} (keep it from the coders)`);
      for (const s of sample.strata) console.log(`  ${s.stratum}: ${s.drawn} of ${s.population} (asked ${s.target})`);
      for (const note of sample.notes) console.log(`  note: ${note}`);
    } finally {
      await runtime.close();
    }
    return 0;
  },
};

export default command;
