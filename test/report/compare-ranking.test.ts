import { describe, expect, it } from 'vitest';
import type { CompareScenario } from '../../src/compare/compare-result.js';
import { renderCompareReport } from '../../src/report/compare-report.js';
import { bestWithinSla, rankScenarios } from '../../src/report/compare-ranking.js';
import { buildCompareResult } from './fixtures.js';

const compare = buildCompareResult({ intervals: 288, costs: true, policies: true });
const base = compare.scenarios[1]!;
const make = (id: string, energyKWh: number, unmetFraction: number, serversNeeded = 3): CompareScenario => ({ ...base, id, label: id, energyKWh, unmetFraction, serversNeeded });

describe('policy comparison: ranked, with the best within the SLA', () => {
  it('ranks those within the SLA (unmet <= 0.1%) first, by energy; the cheapest that misses it comes after', () => {
    const ranked = rankScenarios([make('a', 30, 0.002), make('b', 45, 0), make('c', 40, 0.001), make('d', 40, 0, 2)]);
    // Within: c and d at 40 kWh (d needs 2 servers, c 3: d first), then b at 45; a misses the SLA.
    expect(ranked.map((r) => [r.scenario.id, r.rank, r.withinSla])).toEqual([
      ['d', 1, true],
      ['c', 2, true],
      ['b', 3, true],
      ['a', 4, false],
    ]);
    expect(bestWithinSla([make('a', 30, 0.002), make('b', 45, 0)])).toBe('Best within SLA (unmet <= 0.10%): b - 3 servers, 45.0 kWh, unmet 0.00%.');
    expect(bestWithinSla([make('a', 30, 0.002)])).toBe('Best within SLA (unmet <= 0.10%): none of the scenarios met it.');
  });

  it('the report of a policy axis has the ranked table with the best marked; without one it has none', () => {
    const html = renderCompareReport(compare);
    expect(html).toContain('<h2>Ranked');
    expect(html).toMatch(/<p class="note" data-best>Best within SLA \(unmet &lt;= 0\.10%\): /);
    expect((html.match(/<td>yes - best<\/td>/g) ?? []).length).toBe(1);
    expect(renderCompareReport(buildCompareResult({ intervals: 288, costs: true, policies: false }))).not.toContain('<h2>Ranked');
  });
});
