import { describe, expect, it } from 'vitest';
import type { CompareScenario, SpanningEstimate } from '../../src/compare/compare-result.js';
import { againstFixed, scalingSection } from '../../src/report/compare-scaling.js';

function scenario(id: string, rule: 'fixed' | 'horizontal' | 'vertical', servers: number, energyKWh: number, unmetFraction: number, spanning: SpanningEstimate | null = null): CompareScenario {
  return {
    id,
    family: rule === 'vertical' ? 'elastic' : 'virtual',
    label: `Services, ${rule}`,
    description: '',
    serversNeeded: servers,
    serversPeak: servers,
    activeHostsMean: servers,
    utilizationMean: 0,
    utilizationP95: 0,
    energyKWh,
    energyCostUsd: 0,
    demandMHzHours: 1000,
    unmetMHzHours: unmetFraction * 1000,
    unmetFraction,
    unmetCauses: { unplacedMHzHours: 0, aboveSizeMHzHours: 0, contentionMHzHours: 0, migrationMHzHours: 0, waitingMHzHours: 0, hostDownMHzHours: 0 },
    consolidationRatio: 1,
    costUsd: null,
    policy: 'none',
    migrations: 0,
    slav: 0,
    vmsTotal: 10,
    vmsUnplaced: 0,
    traceQuirks: {},
    series: { intervalSeconds: 300, startSeconds: [], activeHosts: [], utilization: [] },
    scaling: { rule, services: 5, vms: 10, instanceBoots: rule === 'horizontal' ? 7 : 0, lostWhileBootingMHzHours: 1.25, spanning, notes: ['A caveat <in words>.'] },
  };
}

const span = (contention: number, spanningHours: number): SpanningEstimate => ({
  efficiency: 0.7,
  hostsPerRack: 20,
  instanceHours: 100,
  spanningInstanceHours: spanningHours,
  remoteMHzHours: 10,
  recoveredMHzHours: 7,
  contentionMHzHours: contention,
  peakRemoteShare: 0.05,
});

describe('the scaling section of the comparison report', () => {
  const fixed = scenario('services-fixed', 'fixed', 6, 45.4, 0) as Parameters<typeof againstFixed>[1];

  it('says what a rule saved or cost against fixed VMs', () => {
    expect(againstFixed(scenario('services-horizontal', 'horizontal', 1, 17.6, 0.0117) as typeof fixed, fixed)).toBe(
      'Services, horizontal: 5 fewer servers (1 against 6), 27.8 kWh less energy, unmet demand 1.2% against 0%.',
    );
    expect(againstFixed(scenario('services-vertical', 'vertical', 8, 50, 0) as typeof fixed, fixed)).toBe(
      'Services, vertical: 2 more servers (8 against 6), 4.6 kWh more energy, unmet demand 0% against 0%.',
    );
  });

  it('words the spanning measure for each case, and escapes the notes', () => {
    const html = (estimate: SpanningEstimate) => scalingSection([fixed, scenario('services-vertical', 'vertical', 2, 23, 0.01, estimate)]);
    expect(html(span(0, 0))).toContain('no host was ever short of CPU for its instances (100.0 instance-hours)');
    expect(html(span(50, 0))).toContain('hosts were short of 50 MHz·h for their instances, but no other active host of their rack had spare CPU');
    expect(html(span(50, 5))).toContain('instances spanned their rack for 5.0 of 100.0 instance-hours (5.0%), using 10 MHz·h of remote CPU (at most 5.0% of a host');
    expect(html(span(50, 5))).toContain('A caveat &lt;in words&gt;.');
    expect(scalingSection([{ ...fixed, scaling: undefined }])).toBe('');
  });
});
