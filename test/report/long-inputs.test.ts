import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderTile, RUN_HEADLINE_METRICS } from '../../src/report/headline-metrics.js';
import { filesTable } from '../../src/report/run-report-tables.js';

const file = (i: number) => ({ role: 'trace', path: `planetlab/20110303/vm-${i}`, bytes: 1000 + i, sha256: String(i % 10).repeat(64) });

describe('long tables and large numbers stay readable', () => {
  it('1,052 input files are collapsed behind their count, total size and one checksum of the list', () => {
    const files = Array.from({ length: 1052 }, (_, i) => file(i));
    const html = filesTable(files);
    const list = files.map((f) => `${f.role} ${f.path} ${f.sha256}\n`).join('');
    const sum = createHash('sha256').update(list).digest('hex');
    // bytes: 1,052 x 1,000 + (0 + ... + 1,051) = 1,052,000 + 552,826 = 1,604,826
    expect(html.startsWith(`<details class="files"><summary data-files="1052">1,052 input files, 1,604,826 bytes; sha256 of the list ${sum}</summary>`)).toBe(true);
    expect(html.match(/<tr>/g)!.length).toBe(1053); // still all there, inside the collapsed block
    expect(filesTable(files.slice(0, 20))).not.toContain('<details');
  });

  it('a tile shows 233,221,767 MHz·h as 233.2M, not a number wider than its card', () => {
    const unmet = RUN_HEADLINE_METRICS.find((m) => m.key === 'cpu.unmetMHzHours')!;
    expect(renderTile(unmet, 233_221_766.67)).toContain('<span data-metric="cpu.unmetMHzHours">233.2M</span>');
    expect(renderTile(unmet, 996_274)).toContain('>996,274</span>');
    const energy = RUN_HEADLINE_METRICS.find((m) => m.key === 'energyKWh')!;
    expect(renderTile(energy, 2410.8)).toContain('>2,410.8</span>');
    expect(renderTile(energy, 1_234_567)).toContain('>1.235M</span>');
  });
});
