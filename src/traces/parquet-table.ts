import { parquetMetadata, parquetRead, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { InputError } from '../common/input-error.js';
import { readBytes } from './text-lines.js';

/** Timestamps as epoch ms numbers instead of Date objects. */
const PARSERS = {
  timestampFromMilliseconds: (value: bigint) => Number(value),
  timestampFromMicroseconds: (value: bigint) => Number(value) / 1000,
  timestampFromNanoseconds: (value: bigint) => Number(value) / 1e6,
};

/** Whole columns of one Parquet file: numbers as Float64Array, other values as arrays. */
export interface ParquetTable {
  readonly file: string;
  readonly rows: number;
  numbers(column: string): Float64Array;
  strings(column: string): string[];
}

/**
 * Reads the named columns of a Parquet file (gzip-wrapped files too) with hyparquet. A missing
 * column or an unreadable file is an InputError; a non-numeric value in a numeric column is
 * one naming the 1-based row as the line.
 */
export async function readParquetTable(file: string, columns: readonly string[]): Promise<ParquetTable> {
  const bytes = await readBytes(file);
  const slice = (start: number, end?: number): ArrayBuffer =>
    bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + (end ?? bytes.byteLength)) as ArrayBuffer;
  const buffer: AsyncBuffer = { byteLength: bytes.byteLength, slice };
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(slice(0));
  } catch (error) {
    throw new InputError(`not a readable Parquet file (${(error as Error).message})`, { file, field: 'parquet' });
  }
  const available = metadata.schema.slice(1).map((element) => element.name);
  for (const column of columns) {
    if (!available.includes(column)) {
      throw new InputError(`missing column "${column}" (columns: ${available.join(', ')})`, { file, field: column });
    }
  }
  const rows = Number(metadata.num_rows);
  const raw = new Map<string, unknown[]>();
  try {
    await parquetRead({
      file: buffer,
      metadata,
      columns: [...columns],
      compressors,
      parsers: PARSERS,
      onChunk: (chunk) => {
        const target = raw.get(chunk.columnName) ?? new Array<unknown>(rows);
        raw.set(chunk.columnName, target);
        const data = chunk.columnData as ArrayLike<unknown>;
        for (let i = 0; i < data.length && chunk.rowStart + i < rows; i++) target[chunk.rowStart + i] = data[i];
      },
    });
  } catch (error) {
    throw new InputError(`cannot decode Parquet data (${(error as Error).message})`, { file, field: 'parquet' });
  }
  const column = (name: string): unknown[] => raw.get(name) ?? new Array<unknown>(rows);
  return {
    file,
    rows,
    numbers(name) {
      const values = column(name);
      const out = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        const value = values[i];
        const number = typeof value === 'bigint' ? Number(value) : value;
        if (typeof number !== 'number' || !Number.isFinite(number)) {
          throw new InputError(`not a number: ${describe(value)}`, { file, line: i + 1, field: name });
        }
        out[i] = number;
      }
      return out;
    },
    strings(name) {
      const values = column(name);
      const out = new Array<string>(rows);
      for (let i = 0; i < rows; i++) {
        const value = values[i];
        if (value === null || value === undefined || value === '') throw new InputError('empty value', { file, line: i + 1, field: name });
        out[i] = String(value);
      }
      return out;
    },
  };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}
