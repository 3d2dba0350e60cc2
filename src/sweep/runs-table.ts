import type { Column, Table } from '../metrics/columnar-tables.js';
import type { SweepResult } from './sweep-result.js';

/**
 * runs.parquet: one row per stored run, in plan order: its index and hash, every swept key
 * (numbers as DOUBLE, anything else as its JSON text) and every summary metric of the sweep.
 */
export function runsTable(result: SweepResult): Table {
  const runs = result.results;
  const columns: Column[] = [
    { name: 'run_index', type: 'INT32', data: runs.map((r) => r.index) },
    { name: 'hash', type: 'STRING', data: runs.map((r) => r.hash) },
  ];
  for (const { key } of result.axes) {
    const values = runs.map((r) => r.parameters[key]);
    columns.push(
      values.every((v) => typeof v === 'number')
        ? { name: key, type: 'DOUBLE', data: values as number[] }
        : { name: key, type: 'STRING', data: values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) },
    );
  }
  for (const metric of result.metrics) columns.push({ name: metric, type: 'DOUBLE', data: runs.map((r) => r.metrics[metric] ?? null) });
  return columns;
}
