import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileChecksumCache, sha256File, sha256Hex } from '../../src/common/checksum.js';

const root = mkdtempSync(join(tmpdir(), 'rackplan-checksum-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Whole seconds, so a restored mtime is exactly the same (to the nanosecond). */
const SECONDS = 1_700_000_000;

function writeAt(path: string, text: string): void {
  writeFileSync(path, text);
  utimesSync(path, SECONDS, SECONDS);
}

describe('sha256File', () => {
  it('streams: a file of several chunks hashes like the whole bytes', () => {
    const path = join(root, 'big.bin');
    const bytes = new Uint8Array(20 * 1024 * 1024 + 3).map((_, i) => (i * 2654435761) >>> 24);
    writeFileSync(path, bytes);
    expect(sha256File(path)).toBe(sha256Hex(readFileSync(path)));
  });

  it('hashes a file over 2 GiB (sparse), which a whole-file read refuses', () => {
    const path = join(root, 'sparse.bin');
    const size = 2 ** 31 + 4096;
    const fd = openSync(path, 'w');
    writeSync(fd, Buffer.from('head'), 0, 4, 0);
    closeSync(fd);
    truncateSync(path, size);
    expect(() => readFileSync(path)).toThrow();
    const expected = createHash('sha256').update(Buffer.from('head'));
    const zeros = Buffer.alloc(64 << 20);
    for (let left = size - 4; left > 0; left -= Math.min(left, zeros.length)) expected.update(zeros.subarray(0, Math.min(left, zeros.length)));
    expect(sha256File(path)).toBe(expected.digest('hex'));
    rmSync(path);
  }, 60_000);
});

describe('FileChecksumCache', () => {
  it('serves a stored checksum without reading the file (same path, size, mtime, inode)', () => {
    const cacheDir = join(root, 'cache-a');
    const path = join(root, 'a.csv');
    writeAt(path, 'original');
    const original = sha256Hex('original');
    expect(new FileChecksumCache(cacheDir).of(path)).toBe(original);
    // Same length, mtime restored, same inode: only a served checksum can still be the old one.
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.from('ORIGINAL'), 0, 8, 0);
    closeSync(fd);
    utimesSync(path, SECONDS, SECONDS);
    expect(new FileChecksumCache(cacheDir).of(path)).toBe(original);
    // Without a folder nothing is remembered across instances: the new bytes are hashed.
    expect(new FileChecksumCache(null).of(path)).toBe(sha256Hex('ORIGINAL'));
  });

  it('hashes again when the size, the mtime or the inode changes', () => {
    const cacheDir = join(root, 'cache-b');
    const path = join(root, 'b.csv');
    writeAt(path, 'one');
    const cache = new FileChecksumCache(cacheDir);
    expect(cache.of(path)).toBe(sha256Hex('one'));
    writeAt(path, 'three');
    expect(new FileChecksumCache(cacheDir).of(path)).toBe(sha256Hex('three'));
    writeFileSync(path, 'THREE');
    utimesSync(path, SECONDS + 1, SECONDS + 1);
    expect(cache.of(path)).toBe(sha256Hex('THREE'));
    // A new file renamed over the old: same size and mtime, another inode.
    const other = join(root, 'b.tmp');
    writeAt(other, 'three');
    utimesSync(other, SECONDS + 1, SECONDS + 1);
    const before = statSync(path).ino;
    renameSync(other, path);
    expect(statSync(path).ino).not.toBe(before);
    expect(new FileChecksumCache(cacheDir).of(path)).toBe(sha256Hex('three'));
  });

  it('warns once, and still answers, when the folder cannot be written', () => {
    const blocked = join(root, 'not-a-folder');
    writeFileSync(blocked, '');
    const warnings: string[] = [];
    const cache = new FileChecksumCache(blocked, (message) => warnings.push(message));
    const a = join(root, 'c1.csv');
    const b = join(root, 'c2.csv');
    writeAt(a, 'c1');
    writeAt(b, 'c2');
    expect([cache.of(a), cache.of(b)]).toEqual([sha256Hex('c1'), sha256Hex('c2')]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot store input checksums/);
  });
});
