import { appendFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openParquetSource } from '../../src/traces/parquet-source.js';

const root = mkdtempSync(join(tmpdir(), 'rackplan-parquet-source-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Parquet byte ranges', () => {
  it('reads a range past 2 GiB of a sparse file without reading the rest', async () => {
    const path = join(root, 'sparse.parquet');
    const at = 2 ** 31 + 10;
    writeFileSync(path, 'PAR1');
    truncateSync(path, at);
    appendFileSync(path, 'MARK');
    truncateSync(path, at + 4096);
    const source = await openParquetSource(path);
    try {
      expect(source.buffer.byteLength).toBe(at + 4096);
      expect(Buffer.from(await source.buffer.slice(at, at + 4)).toString()).toBe('MARK');
      expect(Buffer.from(await source.buffer.slice(0, 4)).toString()).toBe('PAR1');
      expect((await source.buffer.slice(at + 4090)).byteLength).toBe(6);
    } finally {
      await source.close();
    }
    rmSync(path);
  });
});
