import type { ParquetColumn } from '../helpers/parquet-writer.js';

/** Hand-written OpenDC fixtures; the .parquet files in test/fixtures/traces/opendc are these, written by helpers/parquet-writer.ts. */
const T0 = 1_000_000_000_000;

export const OPENDC_V1_META: ParquetColumn[] = [
  { name: 'id', type: 'string', values: ['vm-a', 'vm-b', 'vm-c'] },
  { name: 'start_time', type: 'timestamp-ms', values: [T0, T0 + 600_000, T0] },
  { name: 'stop_time', type: 'timestamp-ms', values: [T0 + 900_000, T0 + 1_200_000, T0 + 300_000] },
  { name: 'cpu_count', type: 'int32', values: [2, 1, 4] },
  { name: 'cpu_capacity', type: 'double', values: [5000, 2600, 10000] },
  { name: 'mem_capacity', type: 'int64', values: [2_097_152, 1_048_576, 524_288] },
];

/** A fragment's timestamp is its end; vm-b's second fragment starts 1 s after the first ends. */
export const OPENDC_V1_TRACE: ParquetColumn[] = [
  { name: 'id', type: 'string', values: ['vm-a', 'vm-a', 'vm-b', 'vm-b', 'vm-z'] },
  { name: 'timestamp', type: 'timestamp-ms', values: [T0 + 300_000, T0 + 900_000, T0 + 900_000, T0 + 1_201_000, T0 + 300_000] },
  { name: 'duration', type: 'int64', values: [300_000, 600_000, 300_000, 300_000, 300_000] },
  { name: 'cpu_count', type: 'int32', values: [2, 2, 1, 1, 1] },
  { name: 'cpu_usage', type: 'double', values: [100, 250.5, 50, 60, 70] },
];

export const OPENDC_V2_TASKS: ParquetColumn[] = [
  { name: 'id', type: 'int32', values: [1, 2] },
  { name: 'submission_time', type: 'int64', values: [T0, T0 + 100_000] },
  { name: 'duration', type: 'int64', values: [600_000, 300_000] },
  { name: 'cpu_count', type: 'int32', values: [1, 2] },
  { name: 'cpu_capacity', type: 'double', values: [2000, 4000] },
  { name: 'mem_capacity', type: 'int64', values: [1_048_576, 2_097_152] },
];

export const OPENDC_V2_FRAGMENTS: ParquetColumn[] = [
  { name: 'id', type: 'int32', values: [1, 1, 2, 1] },
  { name: 'duration', type: 'int64', values: [300_000, 200_000, 100_000, 0] },
  { name: 'cpu_usage', type: 'double', values: [10, 20, 30, 99] },
];

/** Copies of a spec with one column's values or type replaced, for malformed variants. */
export function withColumn(spec: ParquetColumn[], name: string, change: Partial<ParquetColumn>): ParquetColumn[] {
  return spec.map((column) => (column.name === name ? { ...column, ...change } : column));
}

export function withoutColumn(spec: ParquetColumn[], name: string): ParquetColumn[] {
  return spec.filter((column) => column.name !== name);
}
