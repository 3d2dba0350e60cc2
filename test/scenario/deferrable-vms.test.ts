import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import { validateFile } from '../../src/cli/validate-file.js';
import { checkDeferrableSpec, deferrableFlags } from '../../src/scenario/deferrable-vms.js';
import { deferrableByDefault } from '../../src/traces/registry.js';
import { tinyWorkload } from '../helpers/tiny-world.js';

const workload = tinyWorkload([
  { id: 'web', cpuCapacityMhz: 1000, samples: [[0, 100]], endSeconds: 60 },
  { id: 'batch-1', cpuCapacityMhz: 1000, samples: [[0, 100]], endSeconds: 60 },
  { id: 'batch-2', cpuCapacityMhz: 1000, samples: [[0, 100]], endSeconds: 60 },
]);
const dir = mkdtempSync(join(tmpdir(), 'rackplan-deferrable-'));
const list = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const where = { file: 'scenario.json' };

describe('which VMs are deferrable', () => {
  it('batch formats are deferrable by default: swf yes; bitbrains, azure, alibaba-2018 no', () => {
    expect(deferrableByDefault('swf')).toBe(true);
    for (const format of ['bitbrains', 'azure', 'alibaba-2018', 'alibaba-gpu-2023', 'planetlab', 'test']) expect(deferrableByDefault(format)).toBe(false);
  });

  it('true marks every VM, false none, absent follows the format (the test format: none)', () => {
    expect(Array.from(deferrableFlags({ deferrable: true }, workload, where, deferrableByDefault)!)).toEqual([1, 1, 1]);
    expect(deferrableFlags({ deferrable: false }, workload, where, deferrableByDefault)).toBeUndefined();
    expect(deferrableFlags({}, workload, where, deferrableByDefault)).toBeUndefined();
  });

  it('a list file marks the VMs it names; blank lines and # comments are skipped', () => {
    const path = list('ok.txt', '# batch jobs\nbatch-1\n\n  batch-2  \r\n');
    expect(Array.from(deferrableFlags({ deferrableVms: path }, workload, where, deferrableByDefault)!)).toEqual([0, 1, 1]);
  });

  it('an id the trace does not have is an error naming the file and line', () => {
    const path = list('bad.txt', 'batch-1\nbatch-9\n');
    expect(() => deferrableFlags({ deferrableVms: path }, workload, where, deferrableByDefault)).toThrow(InputError);
    expect(() => deferrableFlags({ deferrableVms: path }, workload, where, deferrableByDefault)).toThrow(`${path}:2: vm id: no VM "batch-9" in the trace`);
  });

  it('refuses a list with "deferrable": false, a missing list, and the CloudSim compatibility mode', () => {
    const path = list('ok2.txt', 'web\n');
    expect(() => deferrableFlags({ deferrableVms: path, deferrable: false }, workload, where, deferrableByDefault)).toThrow('scenario.json: deferrableVms: a list of deferrable VMs conflicts with "deferrable": false');
    expect(() => deferrableFlags({ deferrableVms: join(dir, 'none.txt') }, workload, where, deferrableByDefault)).toThrow(/none\.txt: deferrableVms: cannot read file/);
    expect(() => deferrableFlags({ deferrable: true, compat: 'cloudsim-3.0.3' }, workload, where, deferrableByDefault)).toThrow('scenario.json: deferrable: deferrable work is not part of the CloudSim compatibility mode');
    // A batch format's default gives way to the compatibility mode instead of failing.
    expect(deferrableFlags({ compat: 'cloudsim-3.0.3' }, { ...workload, format: 'swf' }, where, deferrableByDefault)).toBeUndefined();
    expect(() => checkDeferrableSpec({ deferrableVms: join(dir, 'none.txt') }, where)).toThrow(/cannot read file/);
  });

  it('validate reads a scenario with a list, and names a list that is not there', async () => {
    const good = list('good.json', JSON.stringify({ $schema: '../schemas/scenario.schema.json', name: 'deferred', trace: { path: 't.csv' }, topology: 'default', deferrableVms: 'ok.txt' }));
    expect(await validateFile(good)).toBe('scenario');
    const bad = list('missing.json', JSON.stringify({ $schema: '../schemas/scenario.schema.json', name: 'deferred', trace: { path: 't.csv' }, topology: 'default', deferrableVms: 'gone.txt' }));
    await expect(validateFile(bad)).rejects.toThrow(/gone\.txt: deferrableVms: cannot read file/);
  });
});
