import { describe, expect, it } from 'vitest';
import { parseVmIdList } from '../../src/traces/vm-id-list.js';
import { selectWorkload } from '../../src/traces/workload-window.js';
import type { Workload } from '../../src/traces/workload.js';

/** Three VMs a, b, c with one sample each at 0 s (100, 200, 300 MHz), ending at 60 s. */
function threeVms(): Workload {
  return {
    format: 'csv',
    sources: [],
    vmCount: 3,
    vmIds: ['a', 'b', 'c'],
    cores: Float64Array.of(1, 2, 3),
    cpuCapacityMhz: Float64Array.of(1000, 2000, 3000),
    memoryMiB: Float64Array.of(512, 1024, 2048),
    gpus: Float64Array.of(0, 0, 0),
    endAtMs: Float64Array.of(60_000, 60_000, 60_000),
    sampleStart: Uint32Array.of(0, 1, 2, 3),
    sampleAtMs: Float64Array.of(0, 0, 0),
    sampleCpuMhz: Float32Array.of(100, 200, 300),
    sampleMemoryMiB: Float32Array.of(100, 200, 300),
  } as unknown as Workload;
}

describe('VM id list (replay --vms <file>)', () => {
  it('reads one id per line, skipping comments and blank lines, keeping line numbers', () => {
    const list = parseVmIdList('# the busy ones\n  c  \n\r\na\n#b\n', 'pick.txt');
    expect(list).toEqual({ file: 'pick.txt', ids: ['c', 'a'], lines: [2, 4] });
  });

  it('selects the listed VMs in trace order with their own samples', () => {
    const w = selectWorkload(threeVms(), { vmList: parseVmIdList('c\na\n', 'pick.txt') });
    expect(w.vmIds).toEqual(['a', 'c']);
    expect([...w.sampleCpuMhz]).toEqual([100, 300]);
    expect([...w.cores]).toEqual([1, 3]);
    expect([...w.sampleStart]).toEqual([0, 1, 2]);
  });

  it('a duplicate id is an error at its second line, naming the first', () => {
    expect(() => parseVmIdList('a\n# x\nb\na\n', 'pick.txt')).toThrow('pick.txt:4: duplicate VM id "a" (first on line 1)');
  });

  it('an id the trace lacks is an error at its line; control characters are escaped', () => {
    expect(() => selectWorkload(threeVms(), { vmList: parseVmIdList('a\n\nzz\u001b[2J\n', 'pick.txt') })).toThrow(
      'pick.txt:3: unknown VM id "zz\\x1b[2J": the trace has no VM of that id',
    );
  });

  it('a list of nothing but comments is an error', () => {
    expect(() => parseVmIdList('# none\n\n', 'pick.txt')).toThrow('pick.txt: lists no VM ids');
  });
});
