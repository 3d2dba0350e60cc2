import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadComparePlan } from '../../src/compare/compare-plan.js';
import { loadCompareTrace, runCompare } from '../../src/compare/run-compare.js';
import { compareBasis, compareLines } from '../../src/cli/compare-command.js';
import { BUILTIN_MODELS_DIR, loadCatalog } from '../../src/model/catalog.js';
import { renderCompareReport } from '../../src/report/compare-report.js';

const catalog = loadCatalog();
const SPEC = join(BUILTIN_MODELS_DIR, 'scenarios', 'compare-default.json');

describe('compare reports carbon next to energy', () => {
  it('with a constant intensity, every scenario carbonKg = energyKWh x PUE x c / 1000, in compare.json, the lines and the report', async () => {
    // 250 g/kWh all year: carbon is energy x PUE x 0.25 kg/kWh, whatever the power did.
    const dir = mkdtempSync(join(tmpdir(), 'rackplan-compare-carbon-'));
    const flat = join(dir, 'flat.csv');
    writeFileSync(flat, 'timestamp,gco2_per_kwh\n2013-01-01T00:00:00Z,250\n');
    const plan = loadComparePlan(SPEC, { carbon: flat, pue: 1.3, scenarios: ['physical', 'virtual', 'elastic'] }, catalog);
    const compare = runCompare(plan, await loadCompareTrace(plan, null), catalog);
    for (const s of compare.scenarios) expect(s.carbonKg).toBeCloseTo((s.energyKWh * 1.3 * 250) / 1000, 9);
    expect(compare.inputs.carbon).toEqual({ intensity: 'flat.csv', gco2PerKWhMean: 250, startFrom: 'trace' });
    expect(compareBasis(compare)).toContain('carbon: kWh x PUE 1.3 x flat.csv (mean 250 gCO2/kWh)');
    const physical = compare.scenarios.find((s) => s.id === 'physical')!;
    expect(compareLines(compare)[0]).toContain(`${physical.energyKWh.toFixed(1)} kWh`);
    expect(compareLines(compare)[0]).toContain(`${physical.carbonKg!.toFixed(1)} kg CO2`);
    const html = renderCompareReport(compare);
    expect(html).toContain('Carbon (kg CO2)');
    expect(html).toContain(`data-metric="carbonKg" data-scenario="physical">${physical.carbonKg!.toFixed(1)}<`);
  });

  it('without an intensity there is no carbon column, not a column of zeros', async () => {
    const plan = loadComparePlan(SPEC, { scenarios: ['virtual'] }, catalog);
    const compare = runCompare(plan, await loadCompareTrace(plan, null), catalog);
    expect(compare.scenarios[0]!.carbonKg).toBeUndefined();
    expect(compareLines(compare)[0]).not.toContain('CO2');
    expect(renderCompareReport(compare)).not.toContain('Carbon (kg CO2)');
  });
});
