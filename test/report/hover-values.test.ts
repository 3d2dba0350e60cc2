import { describe, expect, it } from 'vitest';
import { renderBarChart } from '../../src/report/bar-chart.js';
import { renderLineChart } from '../../src/report/line-chart.js';
import { countMarks } from './html-helpers.js';

const titles = (svg: string) => [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]!);

describe('values on hover, without scripts', () => {
  it('a line chart has one invisible column per interval, titled with every series\' value there', () => {
    // 4 hourly intervals: served 1, 2, 3, 4 GHz; capacity 10 GHz throughout.
    const svg = renderLineChart({
      name: 'cpu',
      title: 'CPU',
      startSeconds: [0, 3600, 7200, 10_800],
      intervalSeconds: 3600,
      series: [
        { label: 'Served', values: [1, 2, 3, 4], color: '#00f', style: 'area' },
        { label: 'Capacity', values: [10, 10, 10, 10], color: '#999', style: 'dashed' },
      ],
      yLabel: 'CPU (GHz)',
    });
    expect(countMarks(svg)).toBe(2); // the columns are not marks
    const hover = svg.slice(svg.indexOf('<g class="hover"'));
    expect(titles(hover).slice(0, 4)).toEqual([
      '0.0-1.0 hours: Served 1; Capacity 10.0',
      '1.0-2.0 hours: Served 2; Capacity 10.0',
      '2.0-3.0 hours: Served 3; Capacity 10.0',
      '3.0-4.0 hours: Served 4; Capacity 10.0',
    ]);
  });

  it('a long series gets at most 240 columns, each the mean of the intervals it spans', () => {
    const n = 2016; // a week of 5-minute intervals
    const values = Float64Array.from({ length: n }, (_, i) => (i % 9 < 5 ? 0.2 : 0.4));
    const svg = renderLineChart({ name: 'u', title: 'U', startSeconds: Float64Array.from({ length: n }, (_, i) => i * 300), intervalSeconds: 300, series: [{ label: 'Util', values, color: '#000' }], yLabel: 'U', yPercent: true });
    const cols = titles(svg.slice(svg.indexOf('<g class="hover"')));
    expect(cols).toHaveLength(Math.ceil(n / Math.ceil(n / 240)));
    // 9 intervals of 300 s per column (2,700 s = 0.03125 days): 5 at 20% and 4 at 40% => mean 28.9%.
    expect(cols[0]).toBe('0.000-0.031 days: Util 28.9%');
    expect(cols[1]).toBe('0.031-0.063 days: Util 28.9%'); // 5,400 s = 0.0625 days
  });

  it('every bar says its category, series and value', () => {
    const svg = renderBarChart({ name: 'e', title: 'Energy', categories: ['Physical', 'Virtual'], series: [{ label: 'Energy', values: [2499.7, 346.5], color: '#000' }], yLabel: 'kWh', valueFormat: (v) => v.toFixed(1) });
    expect(titles(svg)).toEqual(['Physical, Energy: 2499.7', 'Virtual, Energy: 346.5']);
  });
});
