import { describe, expect, it } from 'vitest';
import type { OutageRow, VmRow } from '../../src/metrics/run-result.js';
import { NO_FAILURES_TEXT, topDowntimeVms, totalsText } from '../../src/report/failure-section.js';
import { MAX_TIMELINE_ROWS, renderFailureTimeline, timelineBars, timelineRows } from '../../src/report/failure-timeline.js';
import { buildRunResult, SCRIPT_VM_ID, TRICKY_HOST_ID } from './fixtures.js';
import { chartsByName, countMarks, urls } from './html-helpers.js';

const out = (hostId: string, cause: string, startSeconds: number, endSeconds: number): OutageRow => ({ hostId, cause, startSeconds, endSeconds });

describe('timeline rows', () => {
  it('keeps one row per host that was down, in host order, unknown hosts last by id', () => {
    const { rows, groupSize } = timelineRows(['h3', 'h1', 'h2'], [out('h2', 'host', 0, 1), out('zz', 'trace', 0, 1), out('h3', 'rack', 0, 1), out('aa', 'trace', 0, 1)]);
    expect(groupSize).toBe(1);
    expect(rows.map((r) => r.hostIds)).toEqual([['h3'], ['h2'], ['aa'], ['zz']]);
  });

  it('groups consecutive hosts when more than MAX_TIMELINE_ROWS were down', () => {
    // 100 hosts down: groups of ceil(100 / 48) = 3 -> 34 rows, the last with 1 host.
    const ids = Array.from({ length: 100 }, (_, i) => `h${String(i).padStart(3, '0')}`);
    const { rows, groupSize } = timelineRows(ids, ids.map((id) => out(id, 'host', 0, 60)));
    expect(MAX_TIMELINE_ROWS).toBe(48);
    expect(groupSize).toBe(3);
    expect(rows).toHaveLength(34);
    expect(rows[1]!.hostIds).toEqual(['h003', 'h004', 'h005']);
    expect(rows[33]!.hostIds).toEqual(['h099']);
  });
});

describe('timeline bars', () => {
  const rows = [{ hostIds: ['a'] }, { hostIds: ['b', 'c'] }];

  it('merges outages of one cause in one row that overlap or are closer than the gap; never across causes', () => {
    const bars = timelineBars(
      rows,
      [
        out('a', 'host', 0, 100),
        out('a', 'maintenance', 50, 80), // another cause: its own bar
        out('a', 'host', 109, 200), // 9 s after the first ends: gap 10 -> merged
        out('a', 'host', 211, 300), // 11 s after: a new bar
        out('b', 'rack', 0, 50),
        out('c', 'rack', 40, 90), // b and c share a row: overlapping -> merged
      ],
      0,
      1000,
      10,
    );
    expect(bars).toEqual([
      { row: 0, cause: 'maintenance', startSeconds: 50, endSeconds: 80, outages: 1 },
      { row: 0, cause: 'host', startSeconds: 0, endSeconds: 200, outages: 2 },
      { row: 0, cause: 'host', startSeconds: 211, endSeconds: 300, outages: 1 },
      { row: 1, cause: 'rack', startSeconds: 0, endSeconds: 90, outages: 2 },
    ]);
  });

  it('clips outages to the time axis and drops those outside it', () => {
    const bars = timelineBars(rows, [out('a', 'host', -50, 20), out('a', 'host', 990, 2000), out('b', 'host', 1000, 1200)], 0, 1000, 0);
    expect(bars.map((b) => [b.startSeconds, b.endSeconds])).toEqual([
      [0, 20],
      [990, 1000],
    ]);
  });
});

describe('failure timeline chart', () => {
  // Three days (an axis in hours) over 960 - 16 - 150 = 794 px: one pixel is 259 200 / 794 = 326 s.
  const day = 86_400;
  const outages = [
    out('h1', 'host', 3600, 7200),
    out('h1', 'maintenance', day, day + 1800),
    out('h2', 'host', 2 * day, 2 * day + 60), // one minute: drawn 1.5 px wide
    out('h2', 'host', 2 * day + 200, 2 * day + 300), // 140 s later, under a pixel: merged
    out(TRICKY_HOST_ID, 'pdu', day, 2 * day), // a cause the palette does not know
  ];
  const svg = renderFailureTimeline({ name: 'failure-timeline', title: 'Outages', hostOrder: ['h1', 'h2', TRICKY_HOST_ID], outages, startSeconds: 0, endSeconds: 3 * day });

  it('draws one rect.mark per bar, coloured by cause', () => {
    expect(chartsByName(svg).has('failure-timeline')).toBe(true);
    expect(countMarks(svg)).toBe(4); // h1: host, maintenance; h2: one merged host bar; pdu
    expect([...svg.matchAll(/data-cause="([^"]*)"/g)].map((m) => m[1])).toEqual(['maintenance', 'host', 'host', 'pdu']);
    expect(svg).toContain('fill="#c8553d"'); // host
    expect(svg).toContain('fill="#6b90bf"'); // maintenance
    expect(svg).toContain('fill="#9aa5b1"><title>'); // unknown cause: neutral grey
  });

  it('keeps a one-minute outage visible and says what each bar is on hover', () => {
    const merged = svg.match(/<rect class="mark" data-cause="host" x="[^"]*" y="[^"]*" width="([^"]*)"[^>]*><title>h2: ([^<]*)<\/title>/)!;
    expect(merged[1]).toBe('1.5'); // the merged bar spans 300 s = 0.9 px: drawn at the 1.5 px minimum
    expect(merged[2]).toBe('Host failure, 2 outages, 48.0-48.1 h (0.1 h)');
    expect(svg).toContain('<title>h1: Maintenance, 24.0-24.5 h (0.5 h)</title>');
  });

  it('has a legend of the causes present only, known ones first', () => {
    const legend = svg.slice(svg.indexOf('<g class="legend">'));
    expect([...legend.matchAll(/<text class="lg"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(['Host failure', 'Maintenance', 'pdu']);
  });

  it('escapes host ids and causes, and is deterministic', () => {
    expect(svg).not.toContain(TRICKY_HOST_ID);
    expect(svg).toContain('rack&quot;1&quot;&lt;b&gt;&amp;h0');
    expect(urls(svg)).toEqual([]);
    const hostile = renderFailureTimeline({ name: 't', title: 't', hostOrder: [], outages: [out('h', SCRIPT_VM_ID, 0, 10)], startSeconds: 0, endSeconds: 100 });
    expect(hostile).not.toContain(SCRIPT_VM_ID);
    expect(renderFailureTimeline({ name: 'failure-timeline', title: 'Outages', hostOrder: ['h1', 'h2', TRICKY_HOST_ID], outages, startSeconds: 0, endSeconds: 3 * day })).toBe(svg);
  });

  it('labels grouped rows with their first host and how many more', () => {
    const ids = Array.from({ length: 60 }, (_, i) => `h${String(i).padStart(2, '0')}`);
    const grouped = renderFailureTimeline({ name: 'g', title: 'g', hostOrder: ids, outages: ids.map((id, i) => out(id, 'host', i * 1000, i * 1000 + 500)), startSeconds: 0, endSeconds: 60_000 });
    // 60 hosts in 30 rows of 2; neighbours' bars are 500 s apart, more than a pixel (75.6 s): 60 bars.
    expect(grouped).toContain('60 outages; hosts that were down in 30 rows of 2 consecutive hosts');
    expect(grouped).toContain('>h00 +1</text>');
    expect(countMarks(grouped)).toBe(60);
  });
});

describe('failure section', () => {
  it('states the totals in one sentence', () => {
    const r = buildRunResult({ hosts: 4, intervals: 24, vms: 8 });
    r.summary.hostFailures = 6;
    r.summary.maintenance = { hostsUpgraded: 12, migrations: 173, hostHoursDown: 6 };
    r.summary.vmRestarts = 124;
    r.summary.vmsFailed = 1;
    r.summary.vmDowntimeHours = 3.1;
    r.summary.lostMHzHours = 2240.42;
    r.summary.availability = 0.9995696862966833;
    expect(totalsText(r)).toBe(
      '6 host failures and 12 hosts upgraded in rolling maintenance (173 migrations, 6.0 host-hours down); ' +
        '124 VM restarts, 1 VMs given up after the restart limit; 3.1 VM-hours of downtime, 2,240 MHz·h of demand lost while VMs were down; availability 99.957%.',
    );
    expect(NO_FAILURES_TEXT).toBe('No failures or maintenance in this run.');
  });

  it('orders VMs by downtime, then lost demand, then id; keeps failed VMs', () => {
    const vm = (vmId: string, downtimeHours: number, lostMHzHours: number, status: VmRow['status'] = 'placed'): VmRow => ({
      vmId, hostId: 'h', status, reason: '', cores: 1, cpuCapacityMhz: 1000, memoryMiB: 1024,
      demandMHzHours: 100, servedMHzHours: 100, unmetMHzHours: 0, restarts: downtimeHours > 0 ? 1 : 0, downtimeHours, lostMHzHours,
    });
    const vms = [vm('b', 1, 5), vm('a', 1, 5), vm('c', 2, 0), vm('d', 1, 9), vm('e', 0, 0), vm('f', 0, 0, 'failed')];
    expect(topDowntimeVms(vms).map((v) => v.vmId)).toEqual(['c', 'd', 'a', 'b', 'f']);
    expect(topDowntimeVms(vms, 2).map((v) => v.vmId)).toEqual(['c', 'd']);
  });
});
