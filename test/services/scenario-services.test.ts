import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_MODELS_DIR } from '../../src/model/catalog.js';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';

let dir: string;

/** The step of scale-out-world.ts as a generic CSV trace: a and b at 300, 900, 100 MHz, 5-minute samples to 3600 s. */
function stepTrace(): string {
  const rows = ['vm_id,timestamp_s,cpu_cores,cpu_capacity_mhz,cpu_usage_mhz,memory_capacity_mib,memory_usage_mib'];
  for (const id of ['a', 'b']) for (let t = 0; t < 3600; t += 300) rows.push(`${id},${t},1,1000,${t < 600 ? 300 : t < 1800 ? 900 : 100},1024,512`);
  return rows.join('\n') + '\n';
}

function scenario(name: string, services: object): string {
  const path = join(dir, `${name}.json`);
  const spec = {
    name,
    trace: { path: 'step.csv', format: 'csv' },
    topology: join(BUILTIN_MODELS_DIR, 'topologies', 'default.json'),
    placement: { policy: 'first-fit' },
    power: { switchOffIdle: true },
    services,
  };
  writeFileSync(path, JSON.stringify(spec));
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rackplan-scenario-services-'));
  writeFileSync(join(dir, 'step.csv'), stepTrace());
  writeFileSync(join(dir, 'web.csv'), 'vm_id,service\na,web\nb,web\n');
  writeFileSync(join(dir, 'bad.csv'), 'vm_id,service\na,web\nc,web\n');
  writeFileSync(join(dir, 'twice.csv'), 'vm_id,service\na,web\na,db\n');
});

const STEP_HORIZONTAL = { instanceMhz: 1000, instanceCores: 1, instanceMemoryMiB: 1024, windowSeconds: 120, cooldownSeconds: 300, maxInstances: 4 };

describe('a scenario with services', () => {
  it('replays the services scaled out: the hand-computed boots show as lost-while-booting demand', async () => {
    const result = await runScenario(scenario('out', { rule: 'horizontal', mapping: 'web.csv', horizontal: STEP_HORIZONTAL }), { cacheDir: null });
    const cpu = result.summary.cpu;
    // As in test/simulation/golden/services-scale-out.txt (full-os guest: 30 s boot): 2 880 000
    // MHz-s of demand; 800 MHz above web#1's size over 600-720 s and, while web#2 and web#3 boot, 720-750 s.
    expect(cpu.demandMHzHours).toBeCloseTo(2_880_000 / 3600, 6);
    expect(cpu.unmetCauses.aboveSizeMHzHours).toBeCloseTo(96_000 / 3600, 6);
    expect(cpu.unmetCauses.lostWhileBootingMHzHours).toBeCloseTo(24_000 / 3600, 6);
    expect(cpu.unmetMHzHours).toBeCloseTo(120_000 / 3600, 6);
    // run.json names the trace's 2 VMs and the mapping file, not the 3 instances.
    expect(result.inputs.trace.vms).toBe(2);
    expect(result.inputs.files.map((f) => f.role)).toContain('service-mapping');
    expect(result.vms.map((v) => v.vmId)).toEqual(['web#1', 'web#2', 'web#3']);
  });

  it('keeps demand under fixed and vertical, without a lost-while-booting cause', async () => {
    for (const rule of ['fixed', 'vertical']) {
      const result = await runScenario(scenario(rule, { rule, mapping: 'web.csv' }), { cacheDir: null });
      expect(result.summary.cpu.demandMHzHours, rule).toBeCloseTo(2_880_000 / 3600, 6);
      expect(result.summary.cpu.unmetCauses.lostWhileBootingMHzHours, rule).toBeUndefined();
    }
  });

  it('refuses a mapping by file and line: its shape when the scenario is read, its VM ids when the trace is', async () => {
    expect(() => loadScenario(scenario('twice', { rule: 'fixed', mapping: 'twice.csv' }))).toThrow(`${join(dir, 'twice.csv')}:3: vm_id: VM "a" is listed twice (first on line 2)`);
    expect(() => loadScenario(scenario('missing', { rule: 'fixed', mapping: 'nope.csv' }))).toThrow(/missing\.json: services\.mapping: cannot read the service mapping .*nope\.csv \(ENOENT\)/);
    await expect(runScenario(scenario('bad', { rule: 'horizontal', mapping: 'bad.csv' }), { cacheDir: null })).rejects.toThrow(`${join(dir, 'bad.csv')}:3: vm_id: unknown VM id "c" (not in the trace)`);
  });
});
