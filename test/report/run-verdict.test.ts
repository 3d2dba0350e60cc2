import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/metrics/run-result.js';
import { renderRunReport } from '../../src/report/run-report.js';
import { runVerdict } from '../../src/report/run-verdict.js';
import { buildRunResult } from './fixtures.js';

/** A clean run of the fixture, with the parts a test changes. */
function summaryWith(change: (s: RunSummary) => void): RunSummary {
  const result = buildRunResult({ hosts: 4, intervals: 12, vms: 10 });
  const s = structuredClone(result.summary);
  s.cpu.unmetMHzHours = 0;
  s.cpu.unmetFraction = 0;
  s.warnings = {};
  s.unplacedReasons = {};
  s.vms = { total: 10, placed: 10, unplaced: 0 };
  change(s);
  return s;
}

describe('run verdict', () => {
  it('a clean run: one sentence with hosts, VMs, unmet share and energy, and no warning', () => {
    const s = summaryWith((x) => {
      x.hosts = { total: 12, activeMean: 4.2, activePeak: 5 };
      x.vms = { total: 100, placed: 100, unplaced: 0 };
      x.energyKWh = 40.66;
    });
    expect(runVerdict(s)).toEqual({ answer: '5 of 12 hosts on at peak carried 100 of 100 VMs; 0% of CPU demand unmet; 40.7 kWh.', warnings: [] });
  });

  it('says loudly when VMs were never placed, and why', () => {
    const s = summaryWith((x) => {
      x.vms = { total: 16, placed: 0, unplaced: 16 };
      x.unplacedReasons = { 'larger-than-any-host-memory': 12, 'no-free-memory': 4 };
    });
    expect(runVerdict(s).warnings[0]).toBe('16 of 16 VMs were never placed (12 larger-than-any-host-memory, 4 no-free-memory); all their demand counts as unmet.');
  });

  it('availability with nothing running is undefined, never 100%', () => {
    const s = summaryWith((x) => {
      x.availability = null;
    });
    expect(runVerdict(s).warnings).toEqual(['availability is undefined: no VM ever ran, so there is no running time to measure it against.']);
    const result = buildRunResult({ hosts: 4, intervals: 12, vms: 10 });
    const html = renderRunReport({ ...result, summary: s });
    expect(html).toContain('<span data-metric="availability">undefined</span>');
    expect(html).not.toContain('100.000%');
  });

  it('splits unmet demand into its causes in words, and never rounds a real share to 0', () => {
    const s = summaryWith((x) => {
      x.cpu.demandMHzHours = 1_000_000;
      x.cpu.unmetMHzHours = 17_350;
      x.cpu.unmetFraction = 0.01735;
      x.cpu.unmetCauses = { unplacedMHzHours: 0, aboveSizeMHzHours: 17_300, contentionMHzHours: 50, migrationMHzHours: 0, waitingMHzHours: 0, hostDownMHzHours: 0 };
    });
    const verdict = runVerdict(s);
    expect(verdict.answer).toContain('1.7% of CPU demand unmet');
    expect(verdict.warnings).toEqual([
      "1.7% of CPU demand went unmet (17,350 MHz·h): 1.7% above the VMs' own size (no number of hosts serves it), < 0.01% to contention on shared hosts.",
    ]);
  });

  it('names the trace quirks that were handled, and puts the verdict at the top of the report', () => {
    const s = summaryWith((x) => {
      x.warnings = { 'duplicate-timestamp': 8600, 'size-change': 3 };
    });
    expect(runVerdict(s).warnings).toEqual(['the trace had quirks that were handled, not errors (docs/trace-formats.md): duplicate-timestamp x8,600, size-change x3.']);
    const result = buildRunResult({ hosts: 4, intervals: 12, vms: 10 });
    const html = renderRunReport({ ...result, summary: s });
    const verdictAt = html.indexOf('<section class="verdict warn" data-verdict>');
    expect(verdictAt).toBeGreaterThan(0);
    expect(verdictAt).toBeLessThan(html.indexOf('<div class="metrics">'));
    expect(html).toContain('<li>the trace had quirks that were handled, not errors (docs/trace-formats.md): duplicate-timestamp x8,600, size-change x3.</li>');
  });

  it('the report has a table of unmet demand by cause that adds up to the unmet total', () => {
    const result = buildRunResult({ hosts: 40, intervals: 576, vms: 400, migrations: true });
    const { cpu } = result.summary;
    expect(cpu.unmetMHzHours).toBeGreaterThan(0);
    const html = renderRunReport(result);
    expect(html).toContain('<h2>Unmet demand by cause');
    const cells = [...html.matchAll(/<td data-cause="(\w+)">[^<]*<\/td><td class="num">([\d,]+)<\/td>/g)];
    expect(cells.map((m) => m[1])).toEqual(['unplacedMHzHours', 'aboveSizeMHzHours', 'contentionMHzHours', 'migrationMHzHours', 'waitingMHzHours', 'hostDownMHzHours']);
    const total = cells.reduce((a, m) => a + Number(m[2]!.replaceAll(',', '')), 0);
    expect(Math.abs(total - cpu.unmetMHzHours)).toBeLessThanOrEqual(3); // each cell rounded to 1 MHz·h
  });
});
