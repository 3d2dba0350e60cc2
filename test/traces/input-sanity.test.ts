import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import { safeText } from '../../src/common/safe-text.js';
import { parseSpec } from '../../src/model/load-spec.js';
import { TopologySpecSchema } from '../../src/model/specs.js';
import { ScenarioSpecSchema } from '../../src/scenario/scenario-spec.js';
import { loadTrace } from '../../src/traces/load-trace.js';

const HEADER = 'vm_id,timestamp_s,cpu_cores,cpu_capacity_mhz,cpu_usage_mhz,memory_capacity_mib,memory_usage_mib';
const work = mkdtempSync(join(tmpdir(), 'rackplan-sanity-'));
let n = 0;

function csv(rows: string[]): string {
  const path = join(work, `t${n++}.csv`);
  writeFileSync(path, [HEADER, ...rows, ''].join('\n'));
  return path;
}

/** The InputError's one-line message that loading the trace gives. */
async function errorOf(path: string, format = 'csv'): Promise<string> {
  const error = await loadTrace(path, { format, cacheDir: null }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

describe('input sanity at the reader boundary', () => {
  it('a value beyond float32 (1e39, or 400 digits) is an error naming file, line and field, not infinite demand', async () => {
    const e39 = csv(['vm1,0,2,5200,1e39,4096,1000', 'vm1,300,2,5200,10,4096,1000']);
    expect(await errorOf(e39)).toBe(`${e39}:2: cpu_usage_mhz: 1e39 is beyond the range a trace value can hold (at most 3.4e38; samples are float32)`);
    const digits = csv(['vm1,0,2,5200,10,4096,1000', `vm1,300,2,5200,${'9'.repeat(400)},4096,1000`]);
    const message = await errorOf(digits);
    expect(message).toMatch(/:3: cpu_usage_mhz: 9{40}\.\.\. \(400 characters\) is beyond the range/);
    expect(message.length).toBeLessThan(300);
  });

  it('CPU above 1,000 times the VM size is a unit error', async () => {
    // 5,200 MHz VM: 5,200,000 MHz is exactly 1,000 times and passes; 5,200,001 does not.
    expect((await loadTrace(csv(['vm1,0,2,5200,5200000,4096,1000']), { format: 'csv', cacheDir: null })).workload.vmCount).toBe(1);
    const path = csv(['vm1,0,2,5200,10,4096,1000', 'vm1,300,2,5200,5200001,4096,1000']);
    expect(await errorOf(path)).toBe(`${path}: cpu: VM "vm1" asks for 5200001 MHz at 300 s, more than 1000 times its size (5200 MHz): a unit error?`);
  });

  it('a timestamp that jumps by years, or a trace spanning over a century, is an error', async () => {
    // Seconds then milliseconds: 1375315200 s -> 1375315500000 s.
    const jump = csv(['vm1,1375315200,2,5200,10,4096,1000', 'vm1,1375315500000,2,5200,10,4096,1000']);
    expect(await errorOf(jump)).toMatch(/: timestamp: VM "vm1" jumps from 0 s to \d+ s, more than a year between samples/);
    const century = csv(['a,0,2,5200,10,4096,1000', `b,${101 * 365 * 86400},2,5200,10,4096,1000`]);
    expect(await errorOf(century)).toMatch(/: timestamp: the trace spans 101 years, more than 100/);
  });

  it('follows symbolic links in a trace folder: a linked VM file is read, not skipped', async () => {
    const dir = join(work, 'bitbrains');
    mkdirSync(dir);
    const rows = (t0: number) => ['Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\tCPU usage [%];\tMemory capacity provisioned [KB];\tMemory usage [KB];\tDisk read throughput [KB/s];\tDisk write throughput [KB/s];\tNetwork received throughput [KB/s];\tNetwork transmitted throughput [KB/s]', `${t0};\t1;\t2600;\t100;\t3.8;\t2097152;\t1000;\t0;\t0;\t0;\t0`, `${t0 + 300};\t1;\t2600;\t200;\t7.7;\t2097152;\t1000;\t0;\t0;\t0;\t0`].join('\n');
    writeFileSync(join(dir, '1.csv'), rows(1375308176));
    const elsewhere = join(work, 'elsewhere.csv');
    writeFileSync(elsewhere, rows(1375308176));
    symlinkSync(elsewhere, join(dir, '2.csv'));
    const { workload } = await loadTrace(dir, { format: 'bitbrains', cacheDir: null });
    expect(workload.vmIds).toEqual(['1', '2']);
    symlinkSync(join(work, 'nowhere.csv'), join(dir, '3.csv'));
    expect(await errorOf(dir, 'bitbrains')).toBe(`${join(dir, '3.csv')}: broken symbolic link`);
  });

  it('duplicate VM ids and ids that are not valid UTF-8 are errors, never merged', async () => {
    const dir = join(work, 'dup');
    mkdirSync(dir);
    const content = readFileSync(join(work, 'elsewhere.csv'));
    writeFileSync(join(dir, '7.csv'), content);
    writeFileSync(join(dir, '7.CSV'), content); // both are VM "7"
    expect(await errorOf(dir, 'bitbrains')).toMatch(/: id: duplicate VM id "7"$/);
    const bad = join(work, 'latin1.csv');
    writeFileSync(bad, Buffer.concat([Buffer.from(`${HEADER}\nvm-`), Buffer.from([0xe9]), Buffer.from(',0,2,5200,10,4096,1000\n')]));
    expect(await errorOf(bad)).toMatch(/: id: VM id "vm-\uFFFD" is not valid UTF-8/);
  });

  it('repeats raw input escaped and cut: terminal codes cannot print a fake line', async () => {
    const path = csv(['vm1,0,2,5200,12\u001b[2K\rreplay ok\u001b[8m,4096,1000']);
    expect(await errorOf(path)).toBe(`${path}:2: cpu_usage_mhz: not a number: "12\\x1b[2K\\x0dreplay ok\\x1b[8m"`);
    expect(safeText('x'.repeat(50_000_000)).length).toBeLessThan(240);
    expect(safeText('a\u202eb\u0085c\nd')).toBe('a\\u202eb\\x85c\\x0ad');
    expect(new InputError('bad\u001b[31m', { file: 'f\u0007.csv', line: 3, field: 'x' }).message).toBe('f\\x07.csv:3: x: bad\\x1b[31m');
    // The raw part is cut; a list of valid names after it is ours and stays whole.
    const names = Array.from({ length: 40 }, (_, i) => `metric-${i}`);
    const message = new InputError(`unknown "${'z'.repeat(10_000)}"; valid: ${names.join(', ')}`).message;
    expect(message).toMatch(/^unknown "z{191}\.\.\. \(10010 characters\); valid: metric-0, .*, metric-39$/);
  });

  it('a report interval under 1 s, a run over 100 years and duplicate rack ids are errors in the spec', () => {
    const scenario = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'models', 'scenarios', 'default.json'), 'utf8'));
    expect(() => parseSpec({ ...scenario, reportIntervalSeconds: 0.001 }, ScenarioSpecSchema, 's.json')).toThrow('s.json: reportIntervalSeconds: a report interval under 1 s is not sane');
    expect(() => parseSpec({ ...scenario, durationSeconds: 101 * 365 * 86400 }, ScenarioSpecSchema, 's.json')).toThrow('s.json: durationSeconds: a run over 100 years is not sane');
    const rack = (id: string) => ({ id, hosts: [{ model: 'generic-2s-64c', count: 1 }] });
    const topology = { id: 't', name: 'T', hypervisor: 'kvm', clusters: [{ id: 'c', racks: [rack('r1'), rack('r1')] }] };
    expect(() => parseSpec(topology, TopologySpecSchema, 't.json')).toThrow('t.json: clusters[0].racks[1].id: duplicate rack id "r1"');
  });
});
