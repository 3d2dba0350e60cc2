import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { OPENDC_V1_META, OPENDC_V1_TRACE, OPENDC_V2_FRAGMENTS, OPENDC_V2_TASKS } from './cases/opendc-specs.js';
import { FIXTURES } from './helpers/fixture-tools.js';
import { writeParquet } from './helpers/parquet-writer.js';

// The committed .parquet fixtures are exactly the hand-written specs in cases/opendc-specs.ts,
// written by helpers/parquet-writer.ts; regenerate them with that writer after a spec change.
it.each([
  ['opendc/v1/meta.parquet', OPENDC_V1_META],
  ['opendc/v1/trace.parquet', OPENDC_V1_TRACE],
  ['opendc/v2/tasks.parquet', OPENDC_V2_TASKS],
  ['opendc/v2/fragments.parquet', OPENDC_V2_FRAGMENTS],
] as const)('%s is the writer output of its spec', (file, spec) => {
  const bytes = readFileSync(join(FIXTURES, file));
  expect(Buffer.from(writeParquet(spec)).equals(bytes)).toBe(true);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('PAR1');
});
