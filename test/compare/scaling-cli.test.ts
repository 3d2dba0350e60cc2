import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult } from '../../src/compare/compare-result.js';
import { CLI, expectBadInput, runCli } from '../helpers/cli.js';

let work: string;
let trace: string;
const rackplan = (...args: string[]) => runCli(join(work, 'cache'), ...args);

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
  work = mkdtempSync(join(tmpdir(), 'rackplan-scaling-cli-'));
  trace = join(work, 'tiny.csv');
  // web-1 and web-2 at 2 600 MHz, db-1 at 10 400 MHz; six 5-minute samples each.
  const rows = ['vm_id,timestamp_s,cpu_cores,cpu_capacity_mhz,cpu_usage_mhz,memory_capacity_mib,memory_usage_mib'];
  for (const [id, mhz] of [['web-1', 2600], ['web-2', 2600], ['db-1', 10400]] as const) {
    for (let k = 0; k < 6; k++) rows.push(`${id},${k * 300},${mhz / 2600},${mhz},${(mhz * 0.2 * (1 + k)).toFixed(1)},4096,2048`);
  }
  writeFileSync(trace, rows.join('\n') + '\n');
  writeFileSync(join(work, 'services.csv'), 'vm_id,service\nweb-1,web\nweb-2,web\ndb-1,db\n');
  writeFileSync(join(work, 'bad.csv'), 'vm_id,service\nweb-1,web\nweb-9,web\n');
});

describe('rackplan compare --scaling', () => {
  it('adds one scenario per rule, with boots and demand lost while booting in compare.json, the terminal and the report', () => {
    const out = join(work, 'scaling');
    const result = rackplan('compare', '--trace', trace, '--scenarios', 'physical', '--scaling', 'fixed,horizontal,vertical', '--services', join(work, 'services.csv'), '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const compare = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')) as CompareResult;
    expect(compare.scenarios.map((s) => s.id)).toEqual(['physical', 'services-fixed', 'services-horizontal', 'services-vertical']);
    for (const s of compare.scenarios.slice(1)) expect(s.scaling!.services).toBe(2);
    const h = compare.scenarios[2]!;
    expect(result.stderr).toContain(`${h.scaling!.vms} VMs, ${h.scaling!.instanceBoots} boots, ${h.scaling!.lostWhileBootingMHzHours.toFixed(1)} MHz-h lost while booting`);
    expect(result.stderr).toMatch(/Services, scale out: .* against \d+\), .* kWh (less|more) energy/);
    expect(result.stderr).toContain("note: The scale-out controller reads each service's offered demand");
    const html = readFileSync(join(out, 'compare.html'), 'utf8');
    expect(html).toContain('<h2>Services and scaling rules</h2>');
    expect(html).toContain(`data-metric="instanceBoots" data-scenario="services-horizontal">${h.scaling!.instanceBoots}<`);
  });

  it('refuses a mapping naming a VM the trace does not have, by file and line, writing nothing', () => {
    const out = join(work, 'bad-mapping');
    const bad = join(work, 'bad.csv');
    expectBadInput(rackplan('compare', '--trace', trace, '--scaling', 'horizontal', '--services', bad, '--out', out), out, new RegExp(`${bad.replaceAll('.', '\\.')}:3: vm_id: unknown VM id "web-9"`));
    expectBadInput(rackplan('compare', '--trace', trace, '--scaling', 'sideways', '--out', out), out, /--scaling: unknown scaling rule "sideways"; valid: fixed, horizontal, vertical/);
  });
});
