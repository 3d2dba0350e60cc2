import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { layoutArrays, readArrayFile, writeArrayFile, type NumericArray } from '../../src/traces/array-file.js';

const root = mkdtempSync(join(tmpdir(), 'rackplan-array-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('array file', () => {
  it('round-trips arrays of every type at their 8-aligned offsets', () => {
    const arrays: [string, NumericArray][] = [
      ['a', Float64Array.of(1.5, -2, Number.MAX_VALUE)],
      ['b', Float32Array.of(0.1, 3)],
      ['c', Uint32Array.of(0, 7, 4294967295)],
      ['empty', new Float64Array(0)],
    ];
    const entries = layoutArrays(arrays);
    expect(entries.map((e) => e.offset)).toEqual([0, 24, 32, 48]);
    const path = join(root, 'small.bin');
    writeArrayFile(path, 'TESTMAG1', { arrays: entries, note: 'é' }, arrays, entries);
    const file = readArrayFile<{ arrays: typeof entries; note: string }>(path, 'TESTMAG1')!;
    expect(file.header.note).toBe('é');
    for (const [name, array] of arrays) expect(file.arrays.get(name)).toStrictEqual(array);
    expect(readArrayFile(path, 'OTHERMAG')).toBeNull();
  });

  it('refuses a cut file instead of reading past its end', () => {
    const arrays: [string, NumericArray][] = [['a', new Float64Array(100).fill(2)]];
    const entries = layoutArrays(arrays);
    const path = join(root, 'cut.bin');
    writeArrayFile(path, 'TESTMAG1', { arrays: entries }, arrays, entries);
    const size = statSync(path).size;
    writeFileSync(path, Buffer.alloc(size - 8));
    expect(readArrayFile(path, 'TESTMAG1')).toBeNull();
  });

  it('writes and reads a file over 2 GiB (one write call cannot)', () => {
    const big = new Float64Array(2 ** 28 + 8);
    big[0] = 1;
    big[2 ** 27] = 2;
    big[big.length - 1] = 3;
    const arrays: [string, NumericArray][] = [['head', Uint32Array.of(9)], ['big', big]];
    const entries = layoutArrays(arrays);
    const path = join(root, 'big.bin');
    writeArrayFile(path, 'TESTMAG1', { arrays: entries }, arrays, entries);
    expect(statSync(path).size).toBeGreaterThan(2 ** 31);
    const back = readArrayFile<{ arrays: typeof entries }>(path, 'TESTMAG1')!.arrays.get('big') as Float64Array;
    expect([back.length, back[0], back[2 ** 27], back[back.length - 1], back[12345]]).toEqual([big.length, 1, 2, 3, 0]);
    rmSync(path);
  }, 120_000);
});

describe('array file in shared memory', () => {
  it('reads every array into a SharedArrayBuffer when asked', () => {
    const arrays: [string, NumericArray][] = [['a', Float64Array.of(1, 2)], ['b', Uint32Array.of(3)]];
    const entries = layoutArrays(arrays);
    const path = join(root, 'shared.bin');
    writeArrayFile(path, 'TESTMAG1', { arrays: entries }, arrays, entries);
    const file = readArrayFile<{ arrays: typeof entries }>(path, 'TESTMAG1', true)!;
    expect(file.arrays.get('a')!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(file.arrays.get('a')!)).toEqual([1, 2]);
    expect(Array.from(file.arrays.get('b')!)).toEqual([3]);
    expect(readArrayFile<{ arrays: typeof entries }>(path, 'TESTMAG1')!.arrays.get('a')!.buffer).toBeInstanceOf(ArrayBuffer);
  });
});
