import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stableStringify } from '../../src/common/stable-json.js';
import { BUILTIN_MODELS_DIR } from '../../src/model/catalog.js';
import { renderRunReport } from '../../src/report/run-report.js';
import { runVerdict } from '../../src/report/run-verdict.js';
import { runScenario } from '../../src/scenario/run-scenario.js';

const FACILITY = join(BUILTIN_MODELS_DIR, 'scenarios', 'default-facility.json');

describe('the default-facility run (two 5 kW racks, illustrative grid at PUE 1.4)', () => {
  it('reports carbon and racks in summary.json, the verdict and the report, the same bytes twice', async () => {
    const [a, b] = [await runScenario(FACILITY, { cacheDir: null }), await runScenario(FACILITY, { cacheDir: null })];
    expect(stableStringify(a.summary)).toBe(stableStringify(b.summary));
    const s = a.summary;
    const c = s.carbon!;
    expect(c.pue).toBe(1.4);
    expect(c.facilityEnergyKWh).toBeCloseTo(s.energyKWh * 1.4, 12);
    expect(c.startFrom).toBe('trace');
    expect(c.heldPastFileHours).toBe(0);
    // The cumulative series ends at the total, and every interval's carbon lies between the file's extremes x its energy.
    expect(a.carbon!.carbonKgCumulative[a.carbon!.carbonKgCumulative.length - 1]).toBeCloseTo(c.carbonKg, 9);
    // Five R740s on at most, all in rack-a1 (best fit fills the first rack): 5 x 457 W rated.
    expect(s.racks!.rows.map((r) => [r.rackId, r.peakRatedOnW, r.powerBudgetW, r.slots])).toEqual([
      ['rack-a1', 2285, 5000, 42],
      ['rack-a2', 0, 5000, 42],
    ]);
    expect(s.racks!.rows[0]!.peakPowerW).toBeLessThanOrEqual(2285);
    expect(runVerdict(s).answer).toMatch(/kWh\. [\d.]+ kg CO2 \([\d.]+ kWh of facility energy at PUE 1\.4; the grid averaged \d+ gCO2\/kWh\)\.$/);
    expect(runVerdict(s).warnings).toEqual([]);
    const html = renderRunReport(a);
    expect(html).toContain('<h2>Carbon');
    // Values on hover: each interval column of the charts carries a <title> with the value.
    expect(html).toMatch(/data-chart="carbon-intensity"[\s\S]*<title>[^<]*days: Intensity \d+/);
    expect(html).toMatch(/data-chart="carbon"[\s\S]*<title>[^<]*days: Carbon \d/);
    expect(html).toContain('<td data-rack="rack-a1">rack-a1</td>');
    expect(html).toContain('>46%<');
  });
});
