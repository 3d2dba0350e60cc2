import { describe, expect, it } from 'vitest';
import { heatmapGrouping } from '../../src/report/heatmap-chart.js';
import { EMPTY_BIN } from '../../src/report/heatmap-cells.js';
import { RUN_HEADLINE_METRICS, summaryValue } from '../../src/report/headline-metrics.js';
import { REPORT_CSP } from '../../src/report/page.js';
import { renderRunReport } from '../../src/report/run-report.js';
import { sumBins } from '../../src/report/run-report-charts.js';
import { topOverloadedHosts, topUnmetVms } from '../../src/report/run-report-tables.js';
import { buildRunResult, SCRIPT_VM_ID, TRICKY_HOST_ID } from './fixtures.js';
import { chartsByName, countMarks, heatmapBins, metricTexts, urls } from './html-helpers.js';

// 40 hosts x 576 five-minute intervals (48 h) -> heatmap of ceil(576 / 3) = 192 buckets.
// Failures (fixtureOutages): maintenance of hosts 0..3, host failures of 2, 15, 28, a rack
// outage of 20..39 => 4 + 3 + 20 = 27 outages on 25 hosts (2 and 28 twice), 23 of them failures.
const small = buildRunResult({ hosts: 40, intervals: 576, vms: 400, migrations: true, hostileNames: true, costUsd: 123_456, failures: true });
const html = renderRunReport(small);

describe('run report', () => {
  it('is one self-contained page: CSP, no scripts, no URLs, no external references', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(REPORT_CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    expect(html).not.toMatch(/<script|<link|<iframe|<img|@import|url\(/i);
    expect(urls(html)).toEqual([]);
  });

  it('draws one mark per data item in every chart', () => {
    const charts = chartsByName(html);
    const hm = small.heatmap;
    const g = heatmapGrouping(hm.hostIds.length, hm.buckets);
    expect(hm.buckets).toBe(192);
    expect(g).toEqual({ groupSize: 1, rows: 40 });
    const expected: Record<string, number> = {
      cpu: 3, // served, demand, capacity
      heatmap: 1, // 40 x 192 cells as one data: PNG, smaller than 7,680 rects
      'host-utilization-cdf': 1,
      'vm-unmet-cdf': 1,
      power: 1,
      energy: 1,
      'active-hosts': 2, // hosts on, hosts installed
      migrations: 1,
      'failure-timeline': 27, // one bar per outage: none of one cause on one host overlap
      'hosts-down': 2, // hosts down, VMs waiting
    };
    expect(small.outages).toHaveLength(27);
    expect([...charts.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [name, count] of Object.entries(expected)) expect(countMarks(charts.get(name)!), name).toBe(count);
  });

  it('leaves out the migrations chart when there were none', () => {
    const quiet = renderRunReport(buildRunResult({ hosts: 4, intervals: 24, vms: 8 }));
    expect(chartsByName(quiet).has('migrations')).toBe(false);
    expect(chartsByName(quiet).has('active-hosts')).toBe(true);
  });

  it('says there were no failures instead of drawing the failure section', () => {
    const quiet = renderRunReport(buildRunResult({ hosts: 4, intervals: 24, vms: 8 }));
    expect(quiet).toContain('<h2>Failures and maintenance</h2><section class="card"><p class="empty">No failures or maintenance in this run.</p></section>');
    expect(chartsByName(quiet).has('failure-timeline')).toBe(false);
    expect(chartsByName(quiet).has('hosts-down')).toBe(false);
    expect(quiet).not.toContain('top-downtime');
    expect(html).not.toContain('No failures or maintenance');
  });

  it('draws the section for restarts alone, without a timeline when there was no outage', () => {
    const r = buildRunResult({ hosts: 4, intervals: 24, vms: 8 });
    r.summary.vmRestarts = 1;
    r.vms[2]!.restarts = 1;
    r.vms[2]!.downtimeHours = 0.25;
    const page = renderRunReport(r);
    expect(chartsByName(page).has('failure-timeline')).toBe(false);
    expect(countMarks(chartsByName(page).get('hosts-down')!)).toBe(2);
    expect(page).toContain(`<td>${r.vms[2]!.vmId}</td><td>${r.vms[2]!.hostId}</td><td class="num">1</td><td class="num">0.25</td>`);
  });

  it('lists the VMs with the most downtime, most first', () => {
    // Restarting VMs: i % 11 = 3, down 0.05 h x (1 + i % 3); the most (0.15 h) first, ties by
    // lost demand: i = 80, 113, ... have i % 3 = 2.
    const table = html.slice(html.indexOf('<table class="top-downtime">'));
    const ids = [...table.slice(0, table.indexOf('</table>')).matchAll(/<tr><td>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(ids).toHaveLength(15);
    const rows = ids.map((id) => small.vms.find((v) => v.vmId === id)!);
    // 12 VMs with i % 11 = 3 and i % 3 = 2 among 0..398 (399 is unplaced): 14, 47, ..., 377
    expect(rows.slice(0, 12).map((v) => v.restarts)).toEqual(new Array(12).fill(3));
    expect(rows[12]!.restarts).toBe(2);
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1]!;
      const b = rows[i]!;
      expect(a.downtimeHours > b.downtimeHours || (a.downtimeHours === b.downtimeHours && a.lostMHzHours >= b.lostMHzHours)).toBe(true);
    }
  });

  it('shows every headline figure under its summary key, formatted with fixed formats', () => {
    const texts = metricTexts(html);
    for (const metric of RUN_HEADLINE_METRICS) {
      const value = summaryValue(small.summary, metric.key)!;
      expect(texts.get(metric.key), metric.key).toBe(metric.format(value));
    }
    // Hand-checked formats: 40 hosts; 392 of 400 VMs placed (every 50th unplaced); cost as dollars.
    expect(texts.get('hosts.total')).toBe('40');
    expect(texts.get('vms.placed')).toBe('392');
    expect(texts.get('vms.unplaced')).toBe('8');
    expect(texts.get('costUsd')).toBe('$123,456');
    expect(texts.get('cpu.utilizationP95')).toBe('93.1%'); // 0.9312
    expect(texts.get('hostFailures')).toBe('23');
    expect(texts.get('availability')).toMatch(/^\d+\.\d{3}%$/);
    expect(texts.get('sla.slav')).toBe('5.17e-6'); // 0.0123 x 0.00042 = 5.166e-6
    expect(texts.get('vmDowntimeHours')).toBe(small.summary.vmDowntimeHours.toFixed(1));
    expect(texts.get('cpu.unmetFraction')).toMatch(/^\d+\.\d\d%$/);
  });

  it('leaves out the cost when the host models give none', () => {
    const noCost = renderRunReport(buildRunResult({ hosts: 4, intervals: 24, vms: 8, costUsd: null }));
    expect(metricTexts(noCost).has('costUsd')).toBe(false);
  });

  it('renders hostile ids only as escaped text', () => {
    expect(html).not.toContain(SCRIPT_VM_ID);
    expect(html).not.toContain(TRICKY_HOST_ID);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('rack&quot;1&quot;&lt;b&gt;&amp;h0');
  });

  it('escapes the VM id wherever the VM appears (top unmet table)', () => {
    const result = buildRunResult({ hosts: 4, intervals: 24, vms: 8, hostileNames: true });
    result.vms[0]!.unmetMHzHours = 1e9;
    const page = renderRunReport(result);
    expect(page).toContain('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(page).not.toContain(SCRIPT_VM_ID);
  });

  it('is deterministic: the same result renders to the same bytes', () => {
    const again = buildRunResult({ hosts: 40, intervals: 576, vms: 400, migrations: true, hostileNames: true, costUsd: 123_456, failures: true });
    expect(renderRunReport(again)).toBe(html);
    expect(renderRunReport(small)).toBe(html);
  });

  it('states the inputs with every file and its sha256', () => {
    for (const file of small.inputs.files) {
      expect(html).toContain(`<td>${file.path}</td>`);
      expect(html).toContain(`>${file.sha256}</td>`);
    }
    for (const text of ['bitbrains', 'first-fit', 'max-min', 'models/topologies/small.json', '0.1.0']) expect(html).toContain(text);
  });

  it('stays under 2 MB for 300 hosts x 2,000 intervals and 3,000 VMs', () => {
    const big = buildRunResult({ hosts: 300, intervals: 2000, vms: 3000, migrations: true });
    const page = renderRunReport(big);
    expect(Buffer.byteLength(page)).toBeLessThan(2 * 1024 * 1024);
    const g = heatmapGrouping(300, big.heatmap.buckets);
    expect(g.rows).toBeLessThanOrEqual(200);
    const heatmap = chartsByName(page).get('heatmap')!;
    expect(heatmapBins(heatmap, EMPTY_BIN)).toMatchObject({ drawnAs: 'png', rows: g.rows, buckets: big.heatmap.buckets });
    // hover values: one titled band per drawn row
    expect(heatmap.match(/<title>/g)).toHaveLength(g.rows);
  });

  it('stays under 2 MB for a 100,000-VM run on 5,000 hosts over a day, heatmap included', () => {
    const huge = buildRunResult({ hosts: 5000, intervals: 288, vms: 100_000 });
    const page = renderRunReport(huge);
    expect(Buffer.byteLength(page)).toBeLessThan(2 * 1024 * 1024);
    // 5,000 hosts x 288 intervals -> at most 30,000 cells as one PNG, not 30,000 rects
    expect(countMarks(chartsByName(page).get('heatmap')!)).toBe(1);
    expect(page.match(/<rect/g)!.length).toBeLessThan(2_000);
  });
});

describe('degenerate runs', () => {
  it('renders one interval, no VMs, and even empty series without NaN', () => {
    const r = buildRunResult({ hosts: 1, intervals: 1, vms: 0 });
    expect(renderRunReport(r)).not.toMatch(/NaN|Infinity|undefined/);
    const empty = new Float64Array(0);
    r.timeseries = {
      intervalSeconds: 300,
      startSeconds: empty,
      demandMhz: empty,
      servedMhz: empty,
      unmetMhz: empty,
      capacityMhz: empty,
      activeHosts: empty,
      powerW: empty,
      energyKWhCumulative: empty,
      migrations: empty,
      hostsDown: empty,
      vmsWaiting: empty,
    };
    r.heatmap = { bucketSeconds: 0, hostIds: [], utilization: empty, buckets: 0 };
    r.hosts = [];
    const page = renderRunReport(r);
    expect(page).not.toMatch(/NaN|Infinity|undefined/);
    expect(page).toContain('No host was overloaded');
    expect(countMarks(chartsByName(page).get('heatmap')!)).toBe(0);
  });

  it('shows a non-finite summary figure as n/a', () => {
    const r = buildRunResult({ hosts: 2, intervals: 4, vms: 2 });
    r.summary.cpu.utilizationMean = NaN;
    expect(metricTexts(renderRunReport(r)).get('cpu.utilizationMean')).toBe('n/a');
  });
});

describe('top tables', () => {
  it('orders hosts by overloaded hours, then unmet demand, then id, and keeps 15', () => {
    const rows = buildRunResult({ hosts: 40, intervals: 576, vms: 10 }).hosts;
    rows[5]!.overloadedHours = 99;
    rows[6]!.overloadedHours = 99;
    rows[6]!.unmetMHzHours = rows[5]!.unmetMHzHours + 1;
    const top = topOverloadedHosts(rows);
    expect(top.length).toBeLessThanOrEqual(15);
    expect(top[0]!.hostId).toBe(rows[6]!.hostId);
    expect(top[1]!.hostId).toBe(rows[5]!.hostId);
    for (let i = 1; i < top.length; i++) {
      const a = top[i - 1]!;
      const b = top[i]!;
      expect(a.overloadedHours > b.overloadedHours || (a.overloadedHours === b.overloadedHours && a.unmetMHzHours >= b.unmetMHzHours)).toBe(true);
    }
  });

  it('orders VMs by unmet demand, ties by id, and leaves out VMs with none', () => {
    const vms = buildRunResult({ hosts: 2, intervals: 4, vms: 30 }).vms.map((v, i) => ({ ...v, unmetMHzHours: i < 20 ? 100 - (i % 3) : 0 }));
    const top = topUnmetVms(vms);
    expect(top).toHaveLength(15);
    expect(top.map((v) => v.unmetMHzHours).slice(0, 7)).toEqual([100, 100, 100, 100, 100, 100, 100]);
    expect(top.slice(0, 7).map((v) => v.vmId)).toEqual([...top.slice(0, 7).map((v) => v.vmId)].sort());
    expect(topUnmetVms(vms.map((v) => ({ ...v, unmetMHzHours: 0 })))).toEqual([]);
  });
});

describe('migration bins', () => {
  it('sums into round bins: 2,000 x 5 min into 2 h bins (1 h would make 167 > 120 bins)', () => {
    const starts = Float64Array.from({ length: 2000 }, (_, i) => i * 300);
    const values = Float64Array.from({ length: 2000 }, (_, i) => i % 5);
    const b = sumBins(starts, values, 300, 120);
    expect(b.intervalSeconds).toBe(7200);
    expect(b.values.length).toBe(Math.ceil(2000 / 24)); // 84
    expect(b.startSeconds[1]).toBe(7200);
    expect(b.values.reduce((x, y) => x + y, 0)).toBe(values.reduce((x, y) => x + y, 0)); // 400 x (0+1+2+3+4) = 4,000
  });

  it('falls back to whole intervals when no round width divides evenly', () => {
    const starts = Float64Array.from({ length: 1000 }, (_, i) => i * 7);
    const b = sumBins(starts, new Float64Array(1000).fill(1), 7, 100);
    expect(b.intervalSeconds).toBe(70);
    expect([...b.values]).toEqual(new Array(100).fill(10));
  });
});

describe('run report: the model that produced the run', () => {
  it('names it under the title and in the inputs table', () => {
    expect(html).toContain('seed 7, rackplan model</p>');
    const compat = buildRunResult({ hosts: 4, intervals: 12, vms: 8 });
    compat.inputs = { ...compat.inputs, model: 'CloudSim 3.0.3 compatibility' };
    const page = renderRunReport(compat);
    expect(page).toContain(', CloudSim 3.0.3 compatibility</p>');
    expect(page).toContain('<dt>Model</dt><dd>CloudSim 3.0.3 compatibility</dd>');
  });
});
