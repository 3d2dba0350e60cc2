import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { SHARED_TRACES } from '../traces/helpers/fixture-tools.js';
import { EMPTY_BIN } from '../../src/report/heatmap-cells.js';
import { chartsByName, heatmapBins } from './html-helpers.js';

const present = existsSync(join(SHARED_TRACES, 'planetlab', '20110303'));
if (!present) console.log(`report-size: skipped - ${SHARED_TRACES}planetlab/20110303 does not exist (the shared real traces are not installed here)`);

/**
 * The PlanetLab run report (1,052 VMs, 800 hosts, 288 intervals) was 1.38 MB with 29,793 rects,
 * 28,800 of them heatmap cells; with the heatmap as one PNG it must stay well under 2 MB.
 */
describe.skipIf(!present)('the PlanetLab run report', () => {
  it('is under 2 MB, with the heatmap as one PNG of every drawn cell', () => {
    if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
    const work = mkdtempSync(join(tmpdir(), 'rackplan-size-'));
    const out = join(work, 'run');
    const result = runCli(join(work, 'cache'), 'replay', '--scenario', join(ROOT, 'models', 'scenarios', 'planetlab-lr-mmt-1.2.json'), '--out', out);
    expect(result.code).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(Buffer.byteLength(html)).toBeLessThan(2 * 1024 * 1024);
    const drawn = heatmapBins(chartsByName(html).get('heatmap')!, EMPTY_BIN);
    expect(drawn.drawnAs).toBe('png');
    expect(drawn.rows * drawn.buckets).toBe(drawn.bins.length);
    expect(drawn.rows).toBe(200); // 800 hosts in rows of 4
    expect(html.match(/<rect/g)!.length).toBeLessThan(2_000);
  });
});
