import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult } from '../../src/compare/compare-result.js';
import { CLI, expectBadInput, ROOT, runCli } from '../helpers/cli.js';

const rackplan = (...args: string[]) => runCli(join(work, 'cache'), ...args);

const DEFAULT_COMPARE = join(ROOT, 'models', 'scenarios', 'compare-default.json');

let work: string;
let trace: string;


/** Three VMs, six 5-minute samples each, in rackplan's generic CSV. */
function writeTinyTrace(path: string): void {
  const rows = ['vm_id,timestamp_s,cpu_cores,cpu_capacity_mhz,cpu_usage_mhz,memory_capacity_mib,memory_usage_mib'];
  const vms: [string, number, number, number][] = [
    ['web-1', 2, 2600, 4096],
    ['db-1', 8, 2600, 32768],
    ['batch-1', 4, 2600, 8192],
  ];
  vms.forEach(([id, cores, mhz, memory], v) => {
    for (let k = 0; k < 6; k++) rows.push(`${id},${k * 300},${cores},${cores * mhz},${(cores * mhz * (0.1 + 0.1 * v + 0.05 * k)).toFixed(1)},${memory},${memory / 2}`);
  });
  writeFileSync(path, rows.join('\n') + '\n');
}

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: npm test builds it first (npm run build)');
  work = mkdtempSync(join(tmpdir(), 'rackplan-compare-cli-'));
  trace = join(work, 'tiny.csv');
  writeTinyTrace(trace);
});


describe('rackplan compare', () => {
  it('writes compare.json and compare.html for the four families of a trace', () => {
    const out = join(work, 'tiny');
    const result = rackplan('compare', '--trace', trace, '--physical-model', 'smallest-fit', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const compare = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')) as CompareResult;
    expect(compare.scenarios.map((s) => s.id)).toEqual(['physical', 'virtual', 'elastic', 'containers']);
    // 2 x 2 600 MHz / 4 GiB fits the ML110 G5 (5 320 MHz, 4 GiB); 8 x 2 600 / 32 GiB needs the R740
    // (the x3550s have the CPU but at most 16 GiB); 4 x 2 600 / 8 GiB fits the x3250 (11 732 MHz, 8 GiB).
    expect(compare.scenarios[0]!.description).toContain('1 x hp-proliant-ml110-g5, 1 x ibm-x3250-x3470, 1 x dell-poweredge-r740');
    expect(compare.scenarios[0]!.serversNeeded).toBe(3);
    for (const s of compare.scenarios.slice(1)) expect(s.serversNeeded).toBe(1);
    expect(compare.inputs.trace.vms).toBe(3);
    const html = readFileSync(join(out, 'compare.html'), 'utf8');
    expect(html).toContain('data-savings="containers"');
    expect(result.stderr).toMatch(/physical\s+3\/3\s+servers/);
    expect(result.stderr).toContain('servers: the most hosts on for at least 99.0% of the time (peak after the slash); energy cost: kWh x PUE 1.58 x $0.12/kWh');
  });

  it('gives the same bytes twice, with and without the trace cache', () => {
    const a = join(work, 'det-a');
    const b = join(work, 'det-b');
    expect(rackplan('compare', '--spec', DEFAULT_COMPARE, '--out', a).code).toBe(0);
    expect(rackplan('compare', '--spec', DEFAULT_COMPARE, '--out', b, '--cache-dir', 'none').code).toBe(0);
    for (const file of ['compare.json', 'compare.html']) {
      expect(readFileSync(join(b, file), 'utf8'), file).toBe(readFileSync(join(a, file), 'utf8'));
    }
    const compare = JSON.parse(readFileSync(join(a, 'compare.json'), 'utf8')) as CompareResult;
    expect(compare.scenarios.map((s) => s.id)).toEqual(['physical', 'virtual', 'virtual-minimal', 'elastic', 'containers']);
    expect(compare.inputs.files.map((f) => f.role)).toContain('guest');
  });

  it('runs a subset with --scenarios and prints compare.json with --json', () => {
    const out = join(work, 'subset');
    const result = rackplan('compare', '--spec', DEFAULT_COMPARE, '--trace', trace, '--scenarios', 'virtual-minimal,physical', '--json', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(out, 'compare.json'), 'utf8'));
    const compare = JSON.parse(result.stdout) as CompareResult;
    expect(compare.scenarios.map((s) => s.id)).toEqual(['physical', 'virtual-minimal']);
    expect(compare.scenarios[1]!.label).toBe('Virtual (minimal)');
  });

  it('puts every consolidated scenario on --host-model', () => {
    const out = join(work, 'generic');
    expect(rackplan('compare', '--trace', trace, '--host-model', 'generic-2s-64c', '--scenarios', 'virtual,containers', '--out', out).code).toBe(0);
    const compare = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')) as CompareResult;
    for (const s of compare.scenarios) {
      expect(s.description).toContain('Generic 2-socket server');
      expect(s.costUsd).toBe(22000);
    }
  });
});

describe('rackplan compare --policies', () => {
  it('adds one variant per policy to each consolidated scenario, with migrations and SLAV', () => {
    const out = join(work, 'policies');
    const result = rackplan('compare', '--trace', trace, '--scenarios', 'physical,virtual,elastic', '--policies', 'none,thr-mmt-0.8,lr-mmt-1.2', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    const compare = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')) as CompareResult;
    expect(compare.scenarios.map((s) => [s.id, s.policy])).toEqual([
      ['physical', 'none'],
      ['virtual', 'none'],
      ['virtual-thr-mmt-0.8', 'thr-mmt-0.8'],
      ['virtual-lr-mmt-1.2', 'lr-mmt-1.2'],
      ['elastic', 'none'],
      ['elastic-thr-mmt-0.8', 'thr-mmt-0.8'],
      ['elastic-lr-mmt-1.2', 'lr-mmt-1.2'],
    ]);
    for (const s of compare.scenarios) {
      expect(Number.isInteger(s.migrations) && s.migrations >= 0).toBe(true);
      expect(s.slav).toBeGreaterThanOrEqual(0);
      if (s.policy === 'none') expect(s.migrations).toBe(0);
    }
    const html = readFileSync(join(out, 'compare.html'), 'utf8');
    expect(html).toContain('data-chart="migrations"');
    expect(html).toContain('data-chart="slav"');
    expect(html).toContain('data-metric="migrations" data-scenario="elastic-lr-mmt-1.2"');
    expect(result.stderr).toMatch(/virtual-lr-mmt-1\.2\s+\d+\/\d+\s+servers .* migrations  SLAV /);
  });

  it('reads the policies of a spec', () => {
    const spec = join(work, 'compare-policies.json');
    writeFileSync(spec, JSON.stringify({ name: 'policies', trace: { path: 'tiny.csv' }, scenarios: [{ id: 'containers', family: 'containers' }], policies: ['mad-mu-2.5'] }));
    const out = join(work, 'spec-policies');
    const result = rackplan('compare', '--spec', spec, '--json', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as CompareResult).scenarios.map((s) => s.id)).toEqual(['containers-mad-mu-2.5']);
  });
});

describe('rackplan compare on bad input', () => {
  it('lists the valid policies for a bad one', () => {
    const out = join(work, 'bad-policy');
    expectBadInput(
      rackplan('compare', '--trace', trace, '--policies', 'none,aggressive', '--out', out),
      out,
      /rackplan: --policies: unknown consolidation policy "aggressive"; valid: none, or <detector>-<selection>-<safety> with detector thr\|iqr\|mad\|lr\|lrr and selection mmt\|mc\|mu\|rs \(e\.g\. lr-mmt-1\.2, thr-mmt-0\.8\)$/m,
    );
    expectBadInput(rackplan('compare', '--trace', trace, '--policies', 'lr-mmt-1.2,xx-mmt-1.2', '--out', out), out, /rackplan: --policies: unknown overload detector "xx" in consolidation policy "xx-mmt-1\.2"; valid: thr, iqr, mad, lr, lrr$/m);
    expectBadInput(rackplan('compare', '--trace', trace, '--policies', 'thr-fifo-0.8', '--out', out), out, /unknown VM selection "fifo" in consolidation policy "thr-fifo-0\.8"; valid: mmt, mc, mu, rs$/m);
    const spec = join(work, 'compare-bad-policy.json');
    writeFileSync(spec, JSON.stringify({ name: 'bad', trace: { path: 'tiny.csv' }, policies: ['none', 'lrr'] }));
    expectBadInput(rackplan('compare', '--spec', spec, '--out', out), out, /compare-bad-policy\.json: policies\[1\]: unknown consolidation policy "lrr"; valid: none, or /);
  });

  it('lists the valid scenarios for an unknown one', () => {
    const out = join(work, 'bad-scenario');
    expectBadInput(rackplan('compare', '--trace', trace, '--scenarios', 'physical,mainframe', '--out', out), out, /--scenarios: unknown scenario "mainframe"; valid: physical, virtual, elastic, containers$/m);
  });

  it('lists the valid host models for an unknown one', () => {
    const out = join(work, 'bad-model');
    expectBadInput(rackplan('compare', '--spec', DEFAULT_COMPARE, '--host-model', 'cray-1', '--out', out), out, /--host-model: unknown host model "cray-1"; valid: .*dell-poweredge-r740.*hp-proliant-ml110-g4/);
  });

  it('names the file and field of a bad spec', () => {
    const spec = join(work, 'compare-bad.json');
    writeFileSync(spec, JSON.stringify({ name: 'bad', trace: { path: 'tiny.csv' }, scenarios: [{ id: 'minimal', family: 'virtual', guest: 'minimal-guest' }] }));
    const out = join(work, 'bad-spec');
    expectBadInput(rackplan('compare', '--spec', spec, '--out', out), out, /compare-bad\.json: scenarios\[0\]\.id: must be "virtual" or start with "virtual-"/);
    writeFileSync(spec, JSON.stringify({ name: 'bad', trace: { path: 'tiny.csv' }, scenarios: [{ id: 'virtual-tiny', family: 'virtual', guest: 'tiny-os' }] }));
    expectBadInput(rackplan('compare', '--spec', spec, '--out', out), out, /scenarios\[0\]\.guest: unknown guest "tiny-os"; valid: container, full-os, minimal-guest/);
    writeFileSync(spec, JSON.stringify({ name: 'bad', trace: { path: 'tiny.csv' }, scenarios: [{ id: 'physical', family: 'physical', guest: 'full-os' }] }));
    expectBadInput(rackplan('compare', '--spec', spec, '--out', out), out, /scenarios\[0\]\.guest: does not apply to the physical family/);
  });

  it('refuses a missing trace and a missing --spec/--trace', () => {
    const out = join(work, 'bad-trace');
    expectBadInput(rackplan('compare', '--trace', join(work, 'nope.csv'), '--out', out), out, /nope\.csv/);
    expectBadInput(rackplan('compare', '--out', out), out, /compare needs --spec <file> or --trace <path>/);
  });
});

describe('rackplan start', () => {
  it('writes the run report and the default comparison and says where they are', () => {
    const out = join(work, 'reports');
    const result = rackplan('start', '--out', out);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`report: ${join(out, 'default', 'report.html')}`);
    expect(result.stdout).toContain(`report: ${join(out, 'compare', 'compare.html')}`);
    expect(existsSync(join(out, 'compare', 'compare.html'))).toBe(true);
    const compare = JSON.parse(readFileSync(join(out, 'compare', 'compare.json'), 'utf8')) as CompareResult;
    expect(result.stdout).toMatch(new RegExp(`physical\\s+${compare.scenarios[0]!.serversNeeded}/${compare.scenarios[0]!.serversPeak}\\s+servers`));
    // The services comparison: one scenario per scaling rule, each line with its boots.
    const services = JSON.parse(readFileSync(join(out, 'services', 'compare.json'), 'utf8')) as CompareResult;
    expect(services.scenarios.map((s) => s.id)).toEqual(['physical', 'services-fixed', 'services-horizontal', 'services-vertical']);
    expect(result.stdout).toContain(`report: ${join(out, 'services', 'compare.html')}`);
    expect(result.stdout).toMatch(new RegExp(`services-horizontal .* ${services.scenarios[2]!.scaling!.instanceBoots} boots`));
  });
});
