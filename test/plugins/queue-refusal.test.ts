import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_MODELS_DIR, loadCatalog } from '../../src/model/catalog.js';
import { openSweep } from '../../src/sweep/run-sweep.js';
import { parseSweepJob, sweepJob } from '../../src/sweep/sweep-job.js';
import { batchTraceFormats } from '../../src/scenario/run-scenario.js';
import { executeSweepTask, sweepRunContext } from '../../src/sweep/sweep-run.js';

/** Queue jobs carry data, never code: a plug-in in a job is refused on both ends. */
const roots = new Map([
  ['models', BUILTIN_MODELS_DIR],
  ['traces', resolve(BUILTIN_MODELS_DIR, '..', 'traces')],
]);
const SWEEP = join(import.meta.dirname, 'fixtures', 'plugin-sweep.json');

describe('plug-ins and the queue', () => {
  it('the submitter refuses to queue a run with plug-ins, and a worker refuses a job naming one', async () => {
    const work = mkdtempSync(join(tmpdir(), 'rackplan-plugin-queue-'));
    const runs = openSweep(SWEEP, join(work, 'submitter'), loadCatalog()).runs;
    expect(() => sweepJob(runs[0]!, 'plugins', roots)).toThrow(/plug-ins are code, and queue jobs carry data only/);
    const plain = openSweep(join(BUILTIN_MODELS_DIR, 'sweeps', 'tiny.json'), join(work, 'plain'), loadCatalog()).runs[0]!;
    const data = structuredClone(sweepJob(plain, 'plugins', roots));
    data.scenario['plugins'] = ['models:../examples/extending/target-utilization.mjs'];
    const results = join(work, 'results');
    mkdirSync(results);
    const context = sweepRunContext(loadCatalog(), batchTraceFormats(), null, 'test', { roots, resultsRoot: results });
    await expect(executeSweepTask({ kind: 'job', job: parseSweepJob(data) }, context)).rejects.toThrow(/scenario\.plugins: plug-ins are code; a queue job may not name any/);
    expect(readdirSync(results)).toEqual([]);
  });
});
