import { renameSync } from 'node:fs';

/** A typed column as the Parquet writer takes it. */
export interface ParquetColumn {
  name: string;
  type: 'STRING' | 'DOUBLE' | 'INT32';
  data: unknown[];
}

/** Writes a table as a Parquet file (temp file, then rename). */
export type ParquetWriter = (path: string, columns: readonly ParquetColumn[]) => void;

/**
 * The writer, imported on first use, so that commands that write no Parquet never load it;
 * the returned function is synchronous, for use inside a folder swap.
 */
export async function loadParquetWriter(): Promise<ParquetWriter> {
  const { parquetWriteFile } = await import('hyparquet-writer');
  return (path, columns) => {
    const temp = `${path}.partial`;
    parquetWriteFile({ filename: temp, columnData: columns.map((c) => ({ name: c.name, type: c.type, data: c.data })) });
    renameSync(temp, path);
  };
}
