import type { ConformanceCase } from './conformance-case.js';

const bb = (...values: (string | number)[]): string => values.join(';\t');
const BB_HEADER = bb('Timestamp [ms]', 'CPU cores', 'CPU capacity provisioned [MHZ]', 'CPU usage [MHZ]', 'CPU usage [%]', 'Memory capacity provisioned [KB]', 'Memory usage [KB]', 'Disk read throughput [KB/s]', 'Disk write throughput [KB/s]', 'Network received throughput [KB/s]', 'Network transmitted throughput [KB/s]');
const T0 = 1_000_000_000_000;

export const bitbrainsCase: ConformanceCase = {
  name: 'bitbrains: 3 VMs in numeric order, duplicate timestamps, leading and all-zero cores',
  format: 'bitbrains',
  fixture: 'bitbrains',
  entry: '',
  expected: {
    originEpochMs: T0,
    traceOriginMs: T0,
    vms: [
      // 1.csv: 4194304 KB = 4096 MiB; usage KB / 1024; end = last + median step 300 s.
      { id: '1', cores: 2, cpuCapacityMhz: 5000, memoryMiB: 4096, endAtMs: 900_000,
        samples: [[0, 1000, 1024], [300_000, 2500.5, 2048], [600_000, 0, 512]],
        io: [[1, 2, 3, 4], [0, 0.5, 0, 0.25], [0, 0, 0, 0]] },
      // 2.csv: the 0-core first row is dropped; the two rows at +300 s merge by column maximum
      // (usage max(260, 520), memory max(1024, 512) KB = 1 MiB, disk read 5); size = max over rows.
      { id: '2', cores: 4, cpuCapacityMhz: 10400, memoryMiB: 8192, endAtMs: 601_000 + 301_000,
        samples: [[300_000, 520, 1], [601_000, 1040, 2]],
        io: [[5, 0, 0, 0], [0, 0, 0, 0]] },
      // 10.csv: every row has 0 cores, so all rows are kept and the size is 0 cores.
      { id: '10', cores: 0, cpuCapacityMhz: 0, memoryMiB: 1024, endAtMs: 600_000,
        samples: [[0, 0, 0], [300_000, 0, 0]],
        io: [[0, 0, 0, 0], [0, 0, 0, 0]] },
    ],
    warnings: { 'duplicate-timestamp': 1, 'size-change': 1, 'zero-core-leading': 1, 'zero-core-vm': 1 },
  },
  malformed: [
    { kind: 'truncated row', file: '1.csv', line: 3, replace: bb(1000000300, 2, '5000.0', '25'), expect: { file: '1.csv', line: 3, field: 'CPU usage [%]' } },
    { kind: 'wrong column count', file: '1.csv', line: 2, replace: bb(1000000000, 2, 5000, 1000, 20, 4194304, 1048576, 1, 2, 3, 4, 9), expect: { file: '1.csv', line: 2, field: 'row' } },
    { kind: 'non-numeric', file: '1.csv', line: 2, replace: bb(1000000000, 2, 5000, 'abc', 20, 4194304, 1048576, 1, 2, 3, 4), expect: { file: '1.csv', line: 2, field: 'CPU usage [MHZ]' } },
    { kind: 'negative', file: '1.csv', line: 4, replace: bb(1000000600, 2, 5000, 0, 0, 4194304, -5, 0, 0, 0, 0), expect: { file: '1.csv', line: 4, field: 'Memory usage [KB]' } },
    { kind: 'unsorted', file: '1.csv', line: 4, replace: bb(1000000100, 2, 5000, 0, 0, 4194304, 524288, 0, 0, 0, 0), expect: { file: '1.csv', line: 4, field: 'Timestamp [ms]' } },
    { kind: 'wrong delimiter', file: '1.csv', line: 1, replace: BB_HEADER.replaceAll(';\t', ','), expect: { file: '1.csv', line: 1, field: 'header' } },
    { kind: 'empty trace', file: '2.csv', content: `${BB_HEADER}\n`, expect: { file: '2.csv', line: 2, field: 'Timestamp [ms]' } },
  ],
};

export const planetlabCase: ConformanceCase = {
  name: 'planetlab: 5 VMs, CloudSim types by name order, a name with spaces',
  format: 'planetlab',
  fixture: 'planetlab',
  entry: '',
  expected: {
    originEpochMs: 0,
    traceOriginMs: 0,
    // n = 5, ceil(5 / 4) = 2 per type: a, b -> 2500 MHz/870 MiB; c9, c10 -> 2000/1740; d -> 1000/1740.
    // Demand = type MHz x value / 100; memory in use = provisioned; end = 3 values x 300 s.
    vms: [
      { id: 'a vm with space', cores: 1, cpuCapacityMhz: 2500, memoryMiB: 870, endAtMs: 900_000, samples: [[0, 0, 870], [300_000, 1250, 870], [600_000, 2500, 870]] },
      { id: 'b_host', cores: 1, cpuCapacityMhz: 2500, memoryMiB: 870, endAtMs: 900_000, samples: [[0, 250, 870], [300_000, 500, 870], [600_000, 750, 870]] },
      { id: 'c9', cores: 1, cpuCapacityMhz: 2000, memoryMiB: 1740, endAtMs: 900_000, samples: [[0, 20, 1740], [300_000, 40, 1740], [600_000, 60, 1740]] },
      { id: 'c10', cores: 1, cpuCapacityMhz: 2000, memoryMiB: 1740, endAtMs: 900_000, samples: [[0, 1980, 1740], [300_000, 0, 1740], [600_000, 100, 1740]] },
      { id: 'd', cores: 1, cpuCapacityMhz: 1000, memoryMiB: 1740, endAtMs: 900_000, samples: [[0, 70, 1740], [300_000, 70, 1740], [600_000, 70, 1740]] },
    ],
    warnings: { 'non-standard-length': 5 },
  },
  malformed: [
    { kind: 'wrong column count', file: 'b_host', line: 2, replace: '20,21', expect: { file: 'b_host', line: 2, field: 'cpu %' } },
    { kind: 'non-numeric', file: 'b_host', line: 2, replace: 'abc', expect: { file: 'b_host', line: 2, field: 'cpu %' } },
    { kind: 'negative', file: 'c9', line: 3, replace: '-3', expect: { file: 'c9', line: 3, field: 'cpu %' } },
    { kind: 'above 100 %', file: 'd', line: 1, replace: '101', expect: { file: 'd', line: 1, field: 'cpu %' } },
    { kind: 'blank line inside', file: 'd', line: 2, replace: '', expect: { file: 'd', line: 2, field: 'cpu %' } },
    { kind: 'empty trace', file: 'd', content: '', expect: { file: 'd', line: 1, field: 'cpu %' } },
  ],
  notApplicable: {
    'truncated row': 'a row is one integer; a cut-off integer is still a valid value (a cut file shows up as a non-standard length)',
    unsorted: 'the files have no timestamps; the line number is the time',
  },
};

export const csvCase: ConformanceCase = {
  name: 'csv: columns in any order, interleaved VMs, a quoted id, I/O columns',
  format: 'csv',
  fixture: 'csv',
  entry: 'trace.csv',
  expected: {
    originEpochMs: 1_700_000_000_000,
    traceOriginMs: 1_700_000_000_000,
    vms: [
      // web-1: size = max over rows (4 cores, 8000 MHz, 4096 MiB); end = 120 s + median step 60 s.
      { id: 'web-1', cores: 4, cpuCapacityMhz: 8000, memoryMiB: 4096, endAtMs: 180_000,
        samples: [[0, 100.5, 512], [60_000, 200, 600], [120_000, 300, 700]], io: [[1, 2, 3, 4], [0, 0, 0, 0], [0, 0, 0, 0]] },
      { id: 'db,main', cores: 4, cpuCapacityMhz: 8000, memoryMiB: 8192, endAtMs: 180_000,
        samples: [[0, 2000, 4096], [90_000, 1000, 4000]], io: [[0, 0, 0, 0], [0, 0, 0, 0]] },
    ],
    warnings: {},
  },
  malformed: [
    { kind: 'truncated row', file: 'trace.csv', line: 3, replace: '1700000000,"db,main",2000,4', expect: { file: 'trace.csv', line: 3, field: 'cpu_capacity_mhz' } },
    { kind: 'wrong column count', file: 'trace.csv', line: 2, replace: '1700000000,web-1,100.5,2,4000,512,2048,1,2,3,4,9', expect: { file: 'trace.csv', line: 2, field: 'row' } },
    { kind: 'non-numeric', file: 'trace.csv', line: 4, replace: '1700000060,web-1,x,2,4000,600,2048,0,0,0,0', expect: { file: 'trace.csv', line: 4, field: 'cpu_usage_mhz' } },
    { kind: 'negative', file: 'trace.csv', line: 5, replace: '1700000120,web-1,300,4,8000,-1,4096,0,0,0,0', expect: { file: 'trace.csv', line: 5, field: 'memory_usage_mib' } },
    { kind: 'unsorted', file: 'trace.csv', line: 6, replace: '1700000000,"db,main",1000,4,8000,4000,8192,0,0,0,0', expect: { file: 'trace.csv', line: 6, field: 'timestamp_s' } },
    { kind: 'missing column', file: 'trace.csv', line: 1, replace: 'timestamp_s,vm_id,cpu_usage_mhz,cpu_capacity_mhz,memory_usage_mib,memory_capacity_mib', expect: { file: 'trace.csv', line: 1, field: 'cpu_cores' } },
    { kind: 'wrong delimiter', file: 'trace.csv', line: 1, replace: 'timestamp_s;vm_id;cpu_usage_mhz;cpu_cores;cpu_capacity_mhz;memory_usage_mib;memory_capacity_mib', expect: { file: 'trace.csv', line: 1, field: 'header' } },
    { kind: 'empty trace', file: 'trace.csv', content: 'vm_id,timestamp_s,cpu_cores,cpu_capacity_mhz,cpu_usage_mhz,memory_capacity_mib,memory_usage_mib\n', expect: { file: 'trace.csv', line: 2, field: 'vm_id' } },
  ],
};

export const azureCase: ConformanceCase = {
  name: 'azure: vmtable + readings, buckets, VMs without readings, unknown VMs',
  format: 'azure',
  fixture: 'azure',
  entry: '',
  expected: {
    originEpochMs: 0,
    traceOriginMs: 0,
    vms: [
      // 2 cores x 2500 MHz; readings avg % x 5000 MHz; end = max(vmdeleted 900 s, last reading + 300 s).
      { id: 'vmA', cores: 2, cpuCapacityMhz: 5000, memoryMiB: 4096, endAtMs: 900_000, samples: [[0, 500, 4096], [300_000, 1250, 4096], [600_000, 250, 4096]] },
      // ">24" -> 32 cores, ">64" -> 128 GiB (next power of two above the bound).
      { id: 'vmB', cores: 32, cpuCapacityMhz: 80_000, memoryMiB: 131_072, endAtMs: 1_200_000, samples: [[300_000, 40_000, 131_072]] },
      // No readings: vmtable avgcpu 5 % of 2500 MHz from vmcreated to vmdeleted (both 600 s).
      { id: 'vmC', cores: 1, cpuCapacityMhz: 2500, memoryMiB: 768, endAtMs: 600_000, samples: [[600_000, 125, 768]] },
    ],
    warnings: { 'bucket-cores': 1, 'bucket-memory': 1, 'reading-unknown-vm': 1, 'vm-without-readings': 1 },
  },
  malformed: [
    { kind: 'truncated row', file: 'vm_cpu_readings-file-1-of-1.csv', line: 2, replace: '300,vmA,2', expect: { file: 'vm_cpu_readings-file-1-of-1.csv', line: 2, field: 'maxcpu' } },
    { kind: 'wrong column count', file: 'vmtable.csv', line: 1, replace: 'vmA,sub1,dep1,0,900,90.5,20,80,Interactive,2,4,extra', expect: { file: 'vmtable.csv', line: 1, field: 'row' } },
    { kind: 'non-numeric', file: 'vmtable.csv', line: 1, replace: 'vmA,sub1,dep1,0,900,90.5,n/a,80,Interactive,2,4', expect: { file: 'vmtable.csv', line: 1, field: 'avgcpu' } },
    { kind: 'negative', file: 'vm_cpu_readings-file-1-of-1.csv', line: 3, replace: '300,vmB,1,99,-1', expect: { file: 'vm_cpu_readings-file-1-of-1.csv', line: 3, field: 'avgcpu' } },
    { kind: 'unsorted', file: 'vm_cpu_readings-file-1-of-1.csv', line: 5, replace: '200,vmA,0,20,5', expect: { file: 'vm_cpu_readings-file-1-of-1.csv', line: 5, field: 'timestamp' } },
    { kind: 'empty trace', file: 'vmtable.csv', content: '', expect: { file: 'vmtable.csv', line: 1, field: 'vmid' } },
  ],
};

export const swfCase: ConformanceCase = {
  name: 'swf: jobs with unknown (-1) fields, zero run time, epoch from UnixStartTime',
  format: 'swf',
  fixture: 'swf',
  entry: 'tiny.swf',
  expected: {
    originEpochMs: T0,
    traceOriginMs: T0,
    vms: [
      // 4 procs x 2500 MHz for 100 s; 1024 KB/proc used memory = 4 MiB.
      { id: '1', cores: 4, cpuCapacityMhz: 10_000, memoryMiB: 4, endAtMs: 100_000, samples: [[0, 10_000, 4]] },
      // alloc -1 -> requested 2 procs; run -1 -> requested 50 s; used mem -1 -> requested 2048 KB/proc.
      { id: '2', cores: 2, cpuCapacityMhz: 5000, memoryMiB: 4, endAtMs: 60_000, samples: [[10_000, 5000, 4]] },
      // run time 0: arrives and leaves at 10 s; memory unknown -> 0 MiB per processor.
      { id: '3', cores: 1, cpuCapacityMhz: 2500, memoryMiB: 0, endAtMs: 10_000, samples: [[10_000, 2500, 0]] },
    ],
    warnings: { 'runtime-from-request': 1, 'unknown-memory': 1, 'unknown-processors': 1, 'unknown-runtime': 1, 'zero-runtime': 1 },
  },
  malformed: [
    { kind: 'truncated row', file: 'tiny.swf', line: 6, replace: '    1      0    5   100    4   -1  1024    4   200    -1', expect: { file: 'tiny.swf', line: 6, field: 'status' } },
    { kind: 'wrong column count', file: 'tiny.swf', line: 7, replace: '2 10 -1 -1 -1 -1 -1 2 50 2048 0 1 1 -1 -1 -1 -1 -1 7', expect: { file: 'tiny.swf', line: 7, field: 'row' } },
    { kind: 'non-numeric', file: 'tiny.swf', line: 6, replace: '1 0 5 x 4 -1 1024 4 200 -1 1 1 1 -1 -1 -1 -1 -1', expect: { file: 'tiny.swf', line: 6, field: 'run_time' } },
    { kind: 'negative', file: 'tiny.swf', line: 6, replace: '1 0 5 100 4 -1 -5 4 200 -1 1 1 1 -1 -1 -1 -1 -1', expect: { file: 'tiny.swf', line: 6, field: 'used_memory' } },
    { kind: 'unsorted', file: 'tiny.swf', line: 9, replace: '4 5 -1 300 -1 -1 -1 -1 -1 -1 1 2 1 -1 -1 -1 -1 -1', expect: { file: 'tiny.swf', line: 9, field: 'submit_time' } },
    { kind: 'duplicate job', file: 'tiny.swf', line: 8, replace: '2 10 -1 0 1 -1 -1 -1 -1 -1 5 2 1 -1 -1 -1 -1 -1', expect: { file: 'tiny.swf', line: 8, field: 'job_id' } },
    { kind: 'empty trace', file: 'tiny.swf', content: '; Version: 2.2\n', expect: { file: 'tiny.swf', line: 2, field: 'job_id' } },
  ],
};
