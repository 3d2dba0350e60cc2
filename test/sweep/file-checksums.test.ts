import { mkdtempSync, openSync, closeSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/common/checksum.js';
import { FileChecksums } from '../../src/sweep/file-checksums.js';

describe('FileChecksums', () => {
  it('shares checksums through a cache folder: another instance does not read the file again', () => {
    const root = mkdtempSync(join(tmpdir(), 'rackplan-file-checksums-'));
    const cacheDir = join(root, 'cache');
    const trace = join(root, 'trace.csv');
    writeFileSync(trace, 'abc');
    utimesSync(trace, 1_700_000_000, 1_700_000_000);
    expect(new FileChecksums({}, cacheDir).of(trace)).toBe(sha256Hex('abc'));
    // Same size, mtime and inode, other bytes: a served checksum is the old one.
    const fd = openSync(trace, 'r+');
    writeSync(fd, Buffer.from('xyz'), 0, 3, 0);
    closeSync(fd);
    utimesSync(trace, 1_700_000_000, 1_700_000_000);
    expect(new FileChecksums({}, cacheDir).of(trace)).toBe(sha256Hex('abc'));
    expect(new FileChecksums().of(trace)).toBe(sha256Hex('xyz'));
  });
});
