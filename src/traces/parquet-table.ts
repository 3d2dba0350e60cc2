import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { InputError } from '../common/input-error.js';
import { openParquetSource } from './parquet-source.js';

/** Timestamps as epoch ms numbers instead of Date objects. */
const PARSERS = {
  timestampFromMilliseconds: (value: bigint) => Number(value),
  timestampFromMicroseconds: (value: bigint) => Number(value) / 1000,
  timestampFromNanoseconds: (value: bigint) => Number(value) / 1e6,
};

/** Whole columns of one Parquet file: numeric columns as Float64Array, text columns as strings. */
export interface ParquetTable {
  readonly file: string;
  readonly rows: number;
  numbers(column: string): Float64Array;
  strings(column: string): string[];
}

export interface ParquetColumns {
  numeric: readonly string[];
  text: readonly string[];
}

/**
 * Reads the named columns of a Parquet file (gzip-wrapped files too) with hyparquet; numbers go
 * straight into typed arrays as the column chunks decode. A missing column or an unreadable file
 * is an InputError; a value that is not a finite number in a numeric column, or an empty text
 * value, is one naming the 1-based row as the line.
 */
export async function readParquetTable(file: string, columns: ParquetColumns): Promise<ParquetTable> {
  const source = await openParquetSource(file);
  try {
    return await readTable(file, source.buffer, columns);
  } finally {
    await source.close();
  }
}

async function readTable(file: string, buffer: AsyncBuffer, columns: ParquetColumns): Promise<ParquetTable> {
  // hyparquet and its decompressors load only when a Parquet trace is read (about 45 modules).
  const [{ parquetMetadataAsync, parquetRead }, { compressors }] = await Promise.all([import('hyparquet'), import('hyparquet-compressors')]);
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    throw new InputError(`not a readable Parquet file (${(error as Error).message})`, { file, field: 'parquet' });
  }
  const available = metadata.schema.slice(1).map((element) => element.name);
  for (const column of [...columns.numeric, ...columns.text]) {
    if (!available.includes(column)) throw new InputError(`missing column "${column}" (columns: ${available.join(', ')})`, { file, field: column });
  }
  const rows = Number(metadata.num_rows);
  const numeric = new Map(columns.numeric.map((name) => [name, new NumericColumn(rows)]));
  const text = new Map(columns.text.map((name) => [name, new Array<string>(rows)]));
  try {
    await parquetRead({
      file: buffer,
      metadata,
      columns: [...columns.numeric, ...columns.text],
      compressors,
      parsers: PARSERS,
      onChunk: (chunk) => {
        const data = chunk.columnData as ArrayLike<unknown>;
        const end = Math.min(data.length, rows - chunk.rowStart);
        const target = numeric.get(chunk.columnName);
        if (target) target.fill(data, chunk.rowStart, end);
        const strings = text.get(chunk.columnName);
        if (strings) for (let i = 0; i < end; i++) strings[chunk.rowStart + i] = data[i] === null || data[i] === undefined ? '' : String(data[i]);
      },
    });
  } catch (error) {
    throw new InputError(`cannot decode Parquet data (${(error as Error).message})`, { file, field: 'parquet' });
  }
  return {
    file,
    rows,
    numbers(name) {
      const column = numeric.get(name)!;
      if (column.badRow >= 0) throw new InputError(`not a number: ${describe(column.badValue)}`, { file, line: column.badRow + 1, field: name });
      return column.values;
    },
    strings(name) {
      const values = text.get(name)!;
      const empty = values.findIndex((value) => value === '');
      if (empty >= 0) throw new InputError('empty value', { file, line: empty + 1, field: name });
      return values;
    },
  };
}

/** A numeric column filled chunk by chunk; remembers the first row that is not a number. */
class NumericColumn {
  readonly values: Float64Array;
  badRow = -1;
  badValue: unknown = undefined;
  constructor(rows: number) {
    this.values = new Float64Array(rows);
  }
  fill(data: ArrayLike<unknown>, rowStart: number, count: number): void {
    for (let i = 0; i < count; i++) {
      const raw = data[i];
      const value = typeof raw === 'bigint' ? Number(raw) : raw;
      if (typeof value === 'number' && Number.isFinite(value)) {
        this.values[rowStart + i] = value;
      } else if (this.badRow < 0 || rowStart + i < this.badRow) {
        this.badRow = rowStart + i;
        this.badValue = raw;
      }
    }
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}
