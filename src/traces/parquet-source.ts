import { open } from 'node:fs/promises';
import type { AsyncBuffer } from 'hyparquet';
import { asInputError, isGzipFile, readBytes } from './text-lines.js';

/** A Parquet file as hyparquet's AsyncBuffer, and how to let go of it. */
export interface ParquetSource {
  buffer: AsyncBuffer;
  close(): Promise<void>;
}

/**
 * A plain Parquet file is read by byte ranges (footer, then the column chunks asked for) through
 * one open handle and positional reads, so files over 2 GiB work and only the chosen columns are
 * read. A gzip-wrapped file has no random access: it is gunzipped into memory first.
 */
export async function openParquetSource(file: string): Promise<ParquetSource> {
  if (await isGzipFile(file)) {
    const bytes = await readBytes(file);
    const slice = (start: number, end?: number): ArrayBuffer =>
      bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + (end ?? bytes.byteLength)) as ArrayBuffer;
    return { buffer: { byteLength: bytes.byteLength, slice }, close: async () => {} };
  }
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw asInputError(error, file, 1);
  }
  const { size } = await handle.stat();
  const reader = handle;
  const slice = async (start: number, end?: number): Promise<ArrayBuffer> => {
    const to = Math.min(end ?? size, size);
    const bytes = new Uint8Array(new ArrayBuffer(Math.max(0, to - start)));
    let done = 0;
    while (done < bytes.length) {
      const { bytesRead } = await reader.read(bytes, done, Math.min(bytes.length - done, 1 << 30), start + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return bytes.buffer;
  };
  return { buffer: { byteLength: size, slice }, close: () => reader.close() };
}
