import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderBarChart, wrapLabel } from '../../src/report/bar-chart.js';
import { cdfPoints, CDF_MAX_POINTS, renderCdfChart } from '../../src/report/cdf-chart.js';
import { decimate, type Point } from '../../src/report/decimate.js';
import { binClass, heatmapGrouping, renderHeatmap } from '../../src/report/heatmap-chart.js';
import { renderTable } from '../../src/report/html-table.js';
import { renderLineChart } from '../../src/report/line-chart.js';
import { chartsByName, countMarks, heatmapBins, urls } from './html-helpers.js';
import { decodeIndexedPng } from './png-decode.js';
import { EMPTY_BIN } from '../../src/report/heatmap-cells.js';
import { HEATMAP_BIN_COLORS, HEATMAP_BIN_EDGES, HEATMAP_EMPTY_COLOR } from '../../src/report/palette.js';
import { hexRgb } from '../../src/report/png-image.js';

const SCRIPT = '<script>alert(1)</script>';

describe('line chart', () => {
  const starts = Array.from({ length: 48 }, (_, i) => i * 3600);
  const spec = {
    name: 'cpu',
    title: 'CPU',
    startSeconds: starts,
    intervalSeconds: 3600,
    series: [
      { label: 'Served', values: starts.map((_, i) => i), color: '#000', style: 'area' as const },
      { label: 'Demand', values: starts.map((_, i) => i + 1), color: '#111' },
      { label: SCRIPT, values: starts.map(() => 50), color: '#222', style: 'dashed' as const },
    ],
    yLabel: 'CPU (MHz)',
  };

  it('draws one path.mark per series, carries data-chart, escapes labels', () => {
    const svg = renderLineChart(spec);
    expect(chartsByName(svg).get('cpu')).toBe(svg);
    expect(countMarks(svg)).toBe(3);
    expect(svg).not.toContain(SCRIPT);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(urls(svg)).toEqual([]);
  });

  it('labels the time axis in hours up to three days and in days beyond', () => {
    expect(renderLineChart(spec)).toContain('Time (hours)');
    const week = Array.from({ length: 7 * 24 }, (_, i) => i * 3600);
    expect(renderLineChart({ ...spec, startSeconds: week, series: [{ label: 'a', values: week, color: '#000' }] })).toContain(
      'Time (days)',
    );
  });

  it('grows by a row per wrapped legend row, so a long legend never covers the plot', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ label: `Scenario number ${i}, lr-mmt-1.2`, values: starts.map(() => i), color: '#000' }));
    const svg = renderLineChart({ ...spec, series: many });
    const rows = new Set([...svg.matchAll(/<text class="lg" x="[^"]*" y="([^"]*)"/g)].map((m) => m[1])).size;
    // 12 items of about 26 + 30 x 6.44 + 16 = 235 px in a plot of 960 - 16 - 52 = 892 px: 3 per row, 4 rows
    expect(rows).toBe(4);
    expect(svg).toContain(`viewBox="0 0 960 ${300 + 3 * 18}"`);
    const firstGridY = Number(svg.match(/<line class="gl" x1="[^"]*" x2="[^"]*" y1="([^"]*)"/)![1]);
    expect(firstGridY).toBe(300 + 3 * 18 - 40); // the baseline moves down with the legend
    expect(renderLineChart(spec)).toContain('viewBox="0 0 960 300"'); // one row: unchanged
  });

  it('keeps a long series small: 20,000 points become a path of a few points per pixel', () => {
    const n = 20_000;
    const long = Array.from({ length: n }, (_, i) => i * 60);
    const svg = renderLineChart({ ...spec, startSeconds: long, intervalSeconds: 60, series: [{ label: 'x', values: long.map((_, i) => i % 97), color: '#000' }] });
    expect(countMarks(svg)).toBe(1);
    expect(svg.length).toBeLessThan(60_000);
  });
});

describe('decimate', () => {
  it('keeps every column extreme and the order of x', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 3000 }), (ys) => {
        const points: Point[] = ys.map((y, i) => [(i * 100) / ys.length, y]);
        const out = decimate(points);
        expect(Math.max(...out.map((p) => p[1]))).toBe(Math.max(...ys));
        expect(Math.min(...out.map((p) => p[1]))).toBe(Math.min(...ys));
        for (let i = 1; i < out.length; i++) expect(out[i]![0]).toBeGreaterThanOrEqual(out[i - 1]![0]);
        expect(out[0]).toEqual(points[0]);
        expect(out[out.length - 1]).toEqual(points[points.length - 1]);
      }),
    );
  });
});

describe('heatmap', () => {
  it('groups rows only when needed', () => {
    expect(heatmapGrouping(40, 192)).toEqual({ groupSize: 1, rows: 40 });
    // 30,000 cells / 240 buckets = 125 rows max; 300 hosts -> groups of 3 -> 100 rows.
    expect(heatmapGrouping(300, 240)).toEqual({ groupSize: 3, rows: 100 });
    // 450 hosts -> groups of ceil(450 / 125) = 4 -> ceil(450 / 4) = 113 rows (last holds 2).
    expect(heatmapGrouping(450, 240)).toEqual({ groupSize: 4, rows: 113 });
    // Few buckets: the 200-row cap binds. 5,000 hosts x 24 buckets -> groups of 25 -> 200 rows.
    expect(heatmapGrouping(5000, 24)).toEqual({ groupSize: 25, rows: 200 });
  });

  it('draws rows x buckets cells (as a PNG when smaller than rects) and states the grouping', () => {
    const ids = Array.from({ length: 450 }, (_, i) => `h${i}`);
    const values = new Float64Array(450 * 24).map((_, i) => (i % 10) / 10);
    const svg = renderHeatmap({ name: 'heatmap', title: 'Heat', rowIds: ids, buckets: 24, bucketSeconds: 3600, values });
    const g = heatmapGrouping(450, 24);
    const drawn = heatmapBins(svg, EMPTY_BIN);
    // 19 rows of 24 rects would be ~20 kB; the PNG is far smaller, so it is the one drawn.
    expect(drawn.drawnAs).toBe('png');
    expect(countMarks(svg)).toBe(1);
    expect([drawn.rows, drawn.buckets]).toEqual([g.rows, 24]);
    // Cell (r, b) averages hosts r*g..r*g+g-1 at bucket b; host h, bucket b holds ((h*24+b) % 10) / 10.
    const expected: number[] = [];
    for (let r = 0; r < g.rows; r++) {
      for (let b = 0; b < 24; b++) {
        let sum = 0;
        let n = 0;
        for (let h = r * g.groupSize; h < Math.min(450, (r + 1) * g.groupSize); h++, n++) sum += ((h * 24 + b) % 10) / 10;
        expected.push(Number(binClass(sum / n).slice(1)));
      }
    }
    expect(drawn.bins).toEqual(expected);
    expect(svg).toContain(`450 hosts in ${g.rows} rows of ${g.groupSize} consecutive hosts`);
  });

  it('hover values: one invisible band per drawn row, none per cell', () => {
    const values = Float64Array.from([0.1, 0.3, Number.NaN, 0.2, 0.2, 0.2]);
    const svg = renderHeatmap({ name: 'heatmap', title: 'Heat', rowIds: ['a', 'b<'], buckets: 3, bucketSeconds: 60, values });
    // a: mean of 10 % and 30 % = 20.0 %, peak 30 %, off 1 of 3 buckets; b: 20 % throughout.
    expect([...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1])).toEqual([
      'host a: mean 20.0%, peak 30.0%, off 33.3% of the time',
      'host b&lt;: mean 20.0%, peak 20.0%',
    ]);
  });

  it('averages a group: two hosts at 0.05 and 0.95 make one cell in the 45-60 % bin', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `h${i}`);
    const values = new Float64Array(400).map((_, i) => (i % 2 === 0 ? 0.05 : 0.95));
    const svg = renderHeatmap({ name: 'heatmap', title: 'Heat', rowIds: ids, buckets: 1, bucketSeconds: 60, values });
    expect(heatmapGrouping(400, 1)).toEqual({ groupSize: 2, rows: 200 });
    expect(heatmapBins(svg, EMPTY_BIN).bins).toEqual(new Array(200).fill(6));
  });

  it('draws a handful of cells as rects, where a PNG would be larger', () => {
    const svg = renderHeatmap({ name: 'heatmap', title: 'Heat', rowIds: ['a'], buckets: 2, bucketSeconds: 60, values: Float64Array.from([0.07, 0.5]) });
    expect(heatmapBins(svg, EMPTY_BIN)).toEqual({ drawnAs: 'rects', rows: 1, buckets: 2, bins: [1, 6] });
  });

  it('the PNG palette is the bin colours, then the off grey; each bin edge lands in its own bin', () => {
    // 100 hosts x 11 buckets: bucket b < 10 holds the lower edge of bin b, bucket 10 is off.
    const values = Float64Array.from({ length: 100 * 11 }, (_, i) => (i % 11 === 10 ? Number.NaN : HEATMAP_BIN_EDGES[i % 11]!));
    const svg = renderHeatmap({ name: 'heatmap', title: 'Heat', rowIds: Array.from({ length: 100 }, (_, i) => `h${i}`), buckets: 11, bucketSeconds: 60, values });
    const image = /href="data:image\/png;base64,([^"]+)"/.exec(svg)!;
    const png = decodeIndexedPng(Buffer.from(image[1]!, 'base64'));
    expect(png.palette).toEqual([...HEATMAP_BIN_COLORS, HEATMAP_EMPTY_COLOR].map(hexRgb));
    expect(EMPTY_BIN).toBe(10);
    expect([...png.indices]).toEqual(Array.from({ length: 100 * 11 }, (_, i) => i % 11));
  });
});

describe('cdf', () => {
  it('draws one path.mark per series with samples', () => {
    const svg = renderCdfChart({
      name: 'cdf',
      title: 'CDF',
      series: [
        { label: 'a', values: [0.1, 0.2, 0.3], color: '#000' },
        { label: 'b', values: [0.5], color: '#111' },
        { label: 'empty', values: [NaN], color: '#222' },
      ],
      xLabel: 'x',
      yLabel: 'y',
    });
    expect(countMarks(svg)).toBe(2);
    expect(svg).toContain('empty (no data)');
  });

  it('samples the empirical CDF: monotone, from 0 to 1, never far below the true CDF', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5000 }), (raw) => {
        const sorted = Float64Array.from(raw).sort();
        const points = cdfPoints(sorted, 1);
        expect(points.length).toBeLessThanOrEqual(CDF_MAX_POINTS + 3);
        expect(points[0]![1]).toBe(0);
        expect(points[points.length - 1]![1]).toBe(1);
        for (let i = 1; i < points.length; i++) {
          expect(points[i]![0]).toBeGreaterThanOrEqual(points[i - 1]![0]);
          expect(points[i]![1]).toBeGreaterThanOrEqual(points[i - 1]![1]);
          // The plotted share never overstates the share of samples <= value.
          const trueShare = sorted.filter((v) => v <= points[i]![0]).length / sorted.length;
          expect(trueShare).toBeGreaterThanOrEqual(points[i]![1] - 1e-12);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('bar chart', () => {
  it('draws one rect.mark per non-null value and prints n/a for the rest', () => {
    const svg = renderBarChart({
      name: 'servers',
      title: 'Servers',
      categories: ['physical', SCRIPT, 'elastic'],
      series: [
        { label: 'needed', color: '#000', values: [250, 38, 34] },
        { label: 'on', color: '#111', values: [250, null, 20] },
      ],
      yLabel: 'Servers',
      valueFormat: (v) => v.toFixed(0),
    });
    expect(countMarks(svg)).toBe(5);
    expect(svg.match(/>n\/a</g)?.length).toBe(1);
    expect(svg).not.toContain(SCRIPT);
  });

  it('wraps long category labels on two lines at most', () => {
    expect(wrapLabel('physical', 80)).toEqual(['physical']);
    expect(wrapLabel('virtual, minimal hosts', 80)).toEqual(['virtual,', 'minimal hosts']);
    expect(wrapLabel('a very long scenario label indeed', 60)).toHaveLength(2);
  });
});

describe('table', () => {
  it('escapes headers, cells and attribute values and refuses odd attribute names', () => {
    const html = renderTable([{ header: '<h>', text: (r: string) => r, attrs: (r: string) => ({ 'data-id': r }) }], [SCRIPT]);
    expect(html).not.toContain(SCRIPT);
    expect(html).toContain('<th>&lt;h&gt;</th>');
    expect(html).toContain('data-id="&lt;script&gt;');
    expect(() => renderTable([{ header: 'x', text: () => '', attrs: () => ({ 'onclick x': '1' }) }], ['a'])).toThrow(/attribute/);
    expect(renderTable([{ header: 'x', text: () => '' }], [], { empty: 'none <here>' })).toBe('<p class="empty">none &lt;here&gt;</p>');
  });
});
