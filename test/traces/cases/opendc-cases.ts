import { writeParquet } from '../helpers/parquet-writer.js';
import type { ConformanceCase } from './conformance-case.js';
import { OPENDC_V1_META, OPENDC_V1_TRACE, OPENDC_V2_FRAGMENTS, OPENDC_V2_TASKS, withColumn, withoutColumn } from './opendc-specs.js';

const T0 = 1_000_000_000_000;

export const opendcV1Case: ConformanceCase = {
  name: 'opendc (meta.parquet + trace.parquet): fragments laid end to end, drift, unknown VM, VM without fragments',
  format: 'opendc',
  fixture: 'opendc/v1',
  entry: '',
  expected: {
    originEpochMs: T0,
    traceOriginMs: T0,
    vms: [
      // mem_capacity is KB: 2097152 KB = 2048 MiB, also the memory in use (no memory column).
      { id: 'vm-a', cores: 2, cpuCapacityMhz: 5000, memoryMiB: 2048, endAtMs: 900_000, samples: [[0, 100, 2048], [300_000, 250.5, 2048]] },
      // The second fragment's timestamp says it starts 1 s late; it is laid at 900 s regardless.
      { id: 'vm-b', cores: 1, cpuCapacityMhz: 2600, memoryMiB: 1024, endAtMs: 1_200_000, samples: [[600_000, 50, 1024], [900_000, 60, 1024]] },
      { id: 'vm-c', cores: 4, cpuCapacityMhz: 10_000, memoryMiB: 512, endAtMs: 300_000, samples: [[0, 0, 512]] },
    ],
    warnings: { 'fragment-time-drift': 1, 'fragment-unknown-vm': 1, 'vm-without-fragments': 1 },
  },
  malformed: [
    { kind: 'truncated row', file: 'trace.parquet', bytes: () => writeParquet(OPENDC_V1_TRACE).subarray(0, 200), expect: { file: 'trace.parquet', field: 'parquet' } },
    { kind: 'wrong column count', file: 'trace.parquet', bytes: () => writeParquet(withoutColumn(OPENDC_V1_TRACE, 'cpu_usage')), expect: { file: 'trace.parquet', field: 'cpu_usage' } },
    { kind: 'non-numeric', file: 'meta.parquet', bytes: () => writeParquet(withColumn(OPENDC_V1_META, 'cpu_capacity', { type: 'string', values: ['5000', 'fast', '1'] })), expect: { file: 'meta.parquet', line: 1, field: 'cpu_capacity' } },
    { kind: 'negative', file: 'trace.parquet', bytes: () => writeParquet(withColumn(OPENDC_V1_TRACE, 'cpu_usage', { values: [100, -250.5, 50, 60, 70] })), expect: { file: 'trace.parquet', line: 2, field: 'cpu_usage' } },
    { kind: 'unsorted', file: 'trace.parquet', bytes: () => writeParquet(withColumn(OPENDC_V1_TRACE, 'timestamp', { values: [T0 + 900_000, T0 + 300_000, T0 + 900_000, T0 + 1_201_000, T0 + 300_000] })), expect: { file: 'trace.parquet', line: 2, field: 'timestamp' } },
  ],
};

export const opendcV2Case: ConformanceCase = {
  name: 'opendc (tasks.parquet + fragments.parquet): durations from submission time, zero-length fragment',
  format: 'opendc',
  fixture: 'opendc/v2',
  entry: '',
  expected: {
    originEpochMs: T0,
    traceOriginMs: T0,
    vms: [
      { id: '1', cores: 1, cpuCapacityMhz: 2000, memoryMiB: 1024, endAtMs: 500_000, samples: [[0, 10, 1024], [300_000, 20, 1024]] },
      { id: '2', cores: 2, cpuCapacityMhz: 4000, memoryMiB: 2048, endAtMs: 200_000, samples: [[100_000, 30, 2048]] },
    ],
    warnings: { 'zero-duration-fragment': 1 },
  },
  malformed: [
    { kind: 'wrong column count', file: 'tasks.parquet', bytes: () => writeParquet(withoutColumn(OPENDC_V2_TASKS, 'mem_capacity')), expect: { file: 'tasks.parquet', field: 'mem_capacity' } },
    { kind: 'negative', file: 'fragments.parquet', bytes: () => writeParquet(withColumn(OPENDC_V2_FRAGMENTS, 'duration', { values: [300_000, -1, 100_000, 0] })), expect: { file: 'fragments.parquet', line: 2, field: 'duration' } },
    { kind: 'non-numeric', file: 'fragments.parquet', bytes: () => writeParquet(withColumn(OPENDC_V2_FRAGMENTS, 'cpu_usage', { type: 'string', values: ['10', '20', 'x', '99'] })), expect: { file: 'fragments.parquet', line: 1, field: 'cpu_usage' } },
  ],
  notApplicable: {
    'truncated row': 'covered for Parquet by the v1 case (a cut file fails as a whole)',
    unsorted: 'v2 fragments have no timestamps; their order is their time',
  },
};
