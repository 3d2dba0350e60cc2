import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompareScenario } from '../../src/compare/compare-result.js';
import type { RunResult } from '../../src/metrics/run-result.js';
import { BUILTIN_MODELS_DIR, loadCatalog } from '../../src/model/catalog.js';
import { buildDatacenter, uniformTopology } from '../../src/model/datacenter.js';
import { loadComparePlan, type ComparePlan } from '../../src/compare/compare-plan.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { hostsOnForShare, loadCompareTrace, runCompare } from '../../src/compare/run-compare.js';
import { runOnDatacenter } from '../../src/scenario/run-scenario.js';
import type { ScenarioSpec } from '../../src/scenario/scenario-spec.js';
import type { Workload } from '../../src/traces/workload.js';

const catalog = loadCatalog();
const SPEC = join(BUILTIN_MODELS_DIR, 'scenarios', 'compare-default.json');
let plan: ComparePlan;
let workload: Workload;
let byId: Record<string, CompareScenario>;

beforeAll(async () => {
  plan = loadComparePlan(SPEC, {}, catalog);
  workload = await loadCompareTrace(plan, null);
  byId = Object.fromEntries(runCompare(plan, workload, catalog).scenarios.map((s) => [s.id, s]));
});

/**
 * The same configuration as a plain replay: a topology file of R740s with one host per VM (more
 * than the comparison's pool, which must not matter), KVM with the guest footprint added by
 * hand, idle hosts off, the replay's own wiring (runOnDatacenter).
 */
function plainReplay(sharing: 'fixed' | 'elastic', guest: { cpu: number; memoryMiB: number }, consolidation?: ScenarioSpec['consolidation']): RunResult {
  const dir = mkdtempSync(join(tmpdir(), 'rackplan-compare-'));
  const topologyFile = join(dir, 'pool.json');
  const topology = uniformTopology('dell-poweredge-r740', workload.vmCount, 'kvm');
  writeFileSync(topologyFile, JSON.stringify(topology));
  const loaded = loadScenario(null, { trace: plan.tracePath, topology: topologyFile, switchOffIdle: true, sharing });
  const scenario = consolidation ? { ...loaded, spec: { ...loaded.spec, consolidation } } : loaded;
  const kvm = catalog.hypervisors.get('kvm')!;
  const dc = buildDatacenter(topology, catalog, topologyFile, {
    cpuOverheadFraction: kvm.cpuOverheadFraction + guest.cpu,
    memoryOverheadMiB: kvm.memoryOverheadMiB + guest.memoryMiB,
  });
  return runOnDatacenter(scenario, workload, dc, catalog);
}

function expectSameFigures(compared: CompareScenario, replay: RunResult) {
  const s = replay.summary;
  expect(s.vms.unplaced).toBe(0);
  expect(compared.serversPeak).toBe(s.hosts.activePeak);
  expect(compared.serversNeeded).toBe(hostsOnForShare(replay, 0.99));
  expect(compared.serversNeeded).toBeLessThanOrEqual(compared.serversPeak);
  expect(compared.activeHostsMean).toBe(s.hosts.activeMean);
  expect(compared.utilizationMean).toBe(s.cpu.utilizationMean);
  expect(compared.utilizationP95).toBe(s.cpu.utilizationP95);
  expect(compared.energyKWh).toBe(s.energyKWh);
  expect(compared.demandMHzHours).toBe(s.cpu.demandMHzHours);
  expect(compared.unmetMHzHours).toBe(s.cpu.unmetMHzHours);
  expect(compared.unmetFraction).toBe(s.cpu.unmetFraction);
  expect(compared.unmetCauses).toEqual(s.cpu.unmetCauses);
  expect(compared.consolidationRatio).toBe(s.consolidationRatio);
  expect(compared.series.activeHosts).toEqual(Array.from(replay.timeseries.activeHosts));
  expect(compared.costUsd).toBe(15000 * compared.serversNeeded);
}

describe('compare against plain replays', () => {
  it('gives virtual the figures of a replay of the same configuration', () => {
    const fullOs = catalog.guests.get('full-os')!;
    expectSameFigures(byId.virtual!, plainReplay('fixed', { cpu: fullOs.cpuOverheadFraction, memoryMiB: fullOs.memoryOverheadMiB }));
  });

  it('gives elastic the figures of an elastic replay of the same configuration', () => {
    const fullOs = catalog.guests.get('full-os')!;
    expectSameFigures(byId.elastic!, plainReplay('elastic', { cpu: fullOs.cpuOverheadFraction, memoryMiB: fullOs.memoryOverheadMiB }));
  });

  it('gives a policy variant the figures of a replay with that consolidation block', () => {
    // The consolidation block written out by hand, as a scenario file would have it (defaults
    // of scenario-spec.ts for what the policy name does not say), through the replay's own wiring.
    const policyPlan = loadComparePlan(SPEC, { scenarios: ['elastic'], policies: ['none', 'lr-mmt-1.2'] }, catalog);
    expect(policyPlan.variants.map((v) => v.id)).toEqual(['elastic', 'elastic-lr-mmt-1.2']);
    const [plain, lr] = runCompare(policyPlan, workload, catalog).scenarios;
    expect(plain).toEqual(byId.elastic);
    const fullOs = catalog.guests.get('full-os')!;
    const replay = plainReplay('elastic', { cpu: fullOs.cpuOverheadFraction, memoryMiB: fullOs.memoryOverheadMiB }, {
      intervalSeconds: 300,
      overload: 'lr',
      safety: 1.2,
      fallbackThreshold: 0.7,
      selection: 'mmt',
      underload: true,
      historyLength: 30,
    });
    expect(replay.summary.migrations).toBeGreaterThan(0);
    expect(lr!.policy).toBe('lr-mmt-1.2');
    expect(lr!.label).toBe('Elastic, lr-mmt-1.2');
    expect(lr!.migrations).toBe(replay.summary.migrations);
    expect(lr!.slav).toBe(replay.summary.sla.slav);
    expect(lr!.description).toContain(`Dynamic consolidation every 300 s: overload detector lr (safety 1.2`);
    expect(lr!.description).toContain(`${replay.summary.migrations} live migrations`);
    expectSameFigures(lr!, replay);
  });

  it('charges the guest footprint: minimal guests never need more servers than full ones', () => {
    const none = plainReplay('fixed', { cpu: 0, memoryMiB: 0 });
    expect(byId['virtual-minimal']!.serversNeeded).toBeLessThanOrEqual(byId.virtual!.serversNeeded);
    expect(byId.virtual!.serversNeeded).toBeGreaterThan(none.summary.hosts.activePeak);
  });

  it('serves the same demand in every scenario of the default comparison', () => {
    const demand = byId.physical!.demandMHzHours;
    for (const s of Object.values(byId)) {
      expect(s.demandMHzHours).toBeCloseTo(demand, 6);
      expect(s.unmetMHzHours).toBeGreaterThanOrEqual(-1e-6);
      expect(s.series.utilization.every((u) => u >= 0 && u <= 1 + 1e-9)).toBe(true);
    }
    expect(byId.physical!.serversNeeded).toBe(workload.vmCount);
  });
});
