import { writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lostWhileBooting } from '../../src/metrics/lost-while-booting.js';
import { summarizeRun } from '../../src/metrics/summarize-run.js';
import type { RunInputs } from '../../src/metrics/run-result.js';
import { expectedTranscript, GOLDEN_DIR, transcript, updateGolden } from '../simulation/golden-harness.js';
import { scaleOutGolden, stepInstances } from './scale-out-world.js';

/**
 * The golden transcript of one service scaled out (test/simulation/golden/services-scale-out.txt,
 * whose header has the arithmetic), and the demand lost while booting, checked by hand.
 */
describe('services scale-out golden transcript', () => {
  it('matches the checked-in transcript, twice', () => {
    const first = transcript(scaleOutGolden()).text;
    const second = transcript(scaleOutGolden()).text;
    expect(second).toBe(first);
    const file = join(GOLDEN_DIR, 'services-scale-out.txt');
    if (process.env.GOLDEN_UPDATE === '1') {
      if (!existsSync(file)) writeFileSync(file, '# (header)\n');
      updateGolden('services-scale-out', first);
    }
    expect(first).toBe(expectedTranscript('services-scale-out'));
  });

  it('splits the unmet demand into above size and lost while booting by hand', () => {
    const scenario = scaleOutGolden();
    const { record } = transcript(scenario);
    const causes = summarizeRun(record, {} as RunInputs).summary.cpu.unmetCauses;
    // web#1 alone wants 1800 MHz over 600-750 s, 800 above its 1000 MHz: 600-720 s the window
    // has not elapsed (above size, 800 x 120 = 96 000 MHz-s); 720-750 s web#2 and web#3 boot
    // (lost while booting, 800 x 30 = 24 000 MHz-s), both inside the run's above-size integral.
    expect(causes.aboveSizeMHzHours * 3600).toBeCloseTo(120_000, 6);
    expect(lostWhileBooting(stepInstances(), scenario.settings.rules, record) * 3600).toBeCloseTo(24_000, 6);
  });
});
