import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/common/checksum.js';
import { InputError } from '../../src/common/input-error.js';
import { loadTrace } from '../../src/traces/load-trace.js';
import { getTraceReader, traceFormatIds } from '../../src/traces/registry.js';
import { resolveReadOptions } from '../../src/traces/trace-reader.js';
import { copyFixture, expectSameWorkload, FIXTURES, tempDir } from './helpers/fixture-tools.js';

const rejection = async (run: () => Promise<unknown>): Promise<InputError> => {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
};

describe('registry and options', () => {
  it('lists the nine formats in id order', () => {
    expect(traceFormatIds()).toEqual(['alibaba-2018', 'alibaba-gpu-2023', 'azure', 'bitbrains', 'csv', 'google-2011', 'opendc', 'planetlab', 'swf']);
  });

  it('rejects an unknown format id, listing the valid ones', async () => {
    expect(() => getTraceReader('bitbrain')).toThrow(/unknown trace format "bitbrain"; valid formats: alibaba-2018, .*swf/);
    const error = await rejection(() => loadTrace(join(FIXTURES, 'csv/trace.csv'), { format: 'nope', cacheDir: null }));
    expect(error.field).toBe('format');
  });

  it('fills option defaults and rejects bad or unknown options by name', () => {
    expect(resolveReadOptions({})).toMatchObject({ coreMhz: 2500, swfMemoryPerProcMiB: 0, alibabaEntities: 'auto' });
    expect(resolveReadOptions({}).planetlabVmTypes).toHaveLength(4);
    expect(() => resolveReadOptions({ coreMhz: -1 })).toThrow(InputError);
    expect(() => resolveReadOptions({ coreMhz: -1 })).toThrow(/coreMhz/);
    expect(() => resolveReadOptions({ coreMHz: 1 } as never)).toThrow(/valid options: coreMhz/);
  });

  it('uses the options: coreMhz scales a format without clock speeds', async () => {
    const root = copyFixture('swf');
    const { workload } = await loadTrace(join(root, 'tiny.swf'), { cacheDir: null, options: { coreMhz: 1000, swfMemoryPerProcMiB: 256 } });
    expect(Array.from(workload.cpuCapacityMhz)).toEqual([4000, 2000, 1000]);
    expect(workload.memoryMiB[2]).toBe(256);
  });
});

describe('alibaba-gpu-2023 pod list choice', () => {
  it('needs gpuPodList when a folder has several pod lists and no default one', async () => {
    const root = copyFixture('alibaba-gpu-2023');
    const pods = readFileSync(join(root, 'openb_pod_list_default.csv'), 'utf8');
    renameSync(join(root, 'openb_pod_list_default.csv'), join(root, 'openb_pod_list_a.csv'));
    writeFileSync(join(root, 'openb_pod_list_b.csv'), pods.split('\n').slice(0, 3).join('\n'));
    const reader = getTraceReader('alibaba-gpu-2023');
    expect((await reader.sourceFiles(root)).map((file) => basename(file))).toEqual(['openb_node_list_all_node.csv', 'openb_pod_list_a.csv', 'openb_pod_list_b.csv']);
    const error = await rejection(() => loadTrace(root, { cacheDir: null }));
    expect([error.field, error.message.includes('openb_pod_list_a.csv, openb_pod_list_b.csv')]).toEqual(['gpuPodList', true]);
    const cacheDir = tempDir('cache');
    const b = await loadTrace(root, { cacheDir, options: { gpuPodList: 'openb_pod_list_b.csv' } });
    expect(b.workload.vmIds).toEqual(['pod-1', 'pod-2']);
    const a = await loadTrace(root, { cacheDir, options: { gpuPodList: 'openb_pod_list_a.csv' } });
    expect([a.cached, a.workload.vmCount]).toEqual([false, 4]);
  });
});

describe('auto-detection', () => {
  it('names the path when nothing matches, listing every format', async () => {
    const dir = tempDir('nothing');
    writeFileSync(join(dir, 'notes.txt'), 'hello, world\n');
    const error = await rejection(() => loadTrace(dir, { cacheDir: null }));
    expect(error.file).toBe(dir);
    expect(error.message).toContain(traceFormatIds().join(', '));
  });

  it('lists the candidates when several formats match', async () => {
    const dir = tempDir('both');
    cpSync(join(FIXTURES, 'azure'), dir, { recursive: true });
    cpSync(join(FIXTURES, 'alibaba-2018/machines'), dir, { recursive: true });
    const error = await rejection(() => loadTrace(dir, { cacheDir: null }));
    expect(error.message).toMatch(/matches several formats \(alibaba-2018, azure\)/);
  });

  it('reports a missing path as an InputError naming it', async () => {
    const error = await rejection(() => loadTrace('/nonexistent/trace.csv', { cacheDir: null }));
    expect(error.file).toBe('/nonexistent/trace.csv');
  });

  it('says whether it detected the format', async () => {
    const path = join(FIXTURES, 'csv/trace.csv');
    expect((await loadTrace(path, { cacheDir: null })).detected).toBe(true);
    expect((await loadTrace(path, { cacheDir: null, format: 'csv' })).detected).toBe(false);
  });
});

describe('binary cache', () => {
  it('serves the second load without parsing: same size and mtime skip the reader', async () => {
    const root = copyFixture('csv');
    const path = join(root, 'trace.csv');
    const cacheDir = tempDir('cache');
    // Same length, same mtime, unparseable content: only a cache hit can succeed.
    // Whole seconds, so the restored mtime is exactly the same number.
    const { size } = statSync(path);
    const seconds = 1_700_000_000;
    utimesSync(path, seconds, seconds);
    const original = readFileSync(path);
    const first = await loadTrace(path, { cacheDir, format: 'csv' });
    writeFileSync(path, 'x'.repeat(size));
    utimesSync(path, seconds, seconds);
    expect(statSync(path).mtimeMs).toBe(seconds * 1000);
    const second = await loadTrace(path, { cacheDir, format: 'csv' });
    expect(second.cached).toBe(true);
    expectSameWorkload(second.workload, first.workload);
    // The checksums come from the cache too: they are the original bytes', not the new ones'.
    expect(first.workload.sourceSha256).toEqual([sha256Hex(original)]);
    expect(second.workload.sourceSha256).toEqual([sha256Hex(original)]);
  });

  it('misses when a source file changes or the options change', async () => {
    const root = copyFixture('csv');
    const path = join(root, 'trace.csv');
    const cacheDir = tempDir('cache');
    await loadTrace(path, { cacheDir });
    expect((await loadTrace(path, { cacheDir, options: { coreMhz: 3000 } })).cached).toBe(false);
    writeFileSync(path, 'vm_id,timestamp_s,cpu_cores,cpu_capacity_mhz,cpu_usage_mhz,memory_capacity_mib,memory_usage_mib\nv,1,1,100,50,64,32\n');
    const changed = await loadTrace(path, { cacheDir });
    expect(changed.cached).toBe(false);
    expect(changed.workload.vmIds).toEqual(['v']);
    expect((await loadTrace(path, { cacheDir })).cached).toBe(true);
  });

  it('ignores a corrupt cache file and rewrites it', async () => {
    const path = join(FIXTURES, 'csv/trace.csv');
    const cacheDir = tempDir('cache');
    const fresh = await loadTrace(path, { cacheDir });
    const [file] = readdirSync(cacheDir).filter((name) => name.endsWith('.bin'));
    writeFileSync(join(cacheDir, file!), 'RPTRACE1 garbage');
    const again = await loadTrace(path, { cacheDir });
    expect(again.cached).toBe(false);
    expectSameWorkload(again.workload, fresh.workload);
    expect((await loadTrace(path, { cacheDir })).cached).toBe(true);
  });

  it('writes nothing when disabled, and a failing cache folder does not fail the load', async () => {
    const path = join(FIXTURES, 'csv/trace.csv');
    expect((await loadTrace(path, { cacheDir: null })).cached).toBe(false);
    expect((await loadTrace(path, { cacheDir: null })).cached).toBe(false);
    const blocked = join(tempDir('cache'), 'file-not-folder');
    writeFileSync(blocked, '');
    const heard: string[] = [];
    const loaded = await loadTrace(path, { cacheDir: blocked, onWarning: (message) => heard.push(message) });
    expect([loaded.cached, loaded.workload.vmCount]).toEqual([false, 2]);
    // Never silent: the caller hears that the cache could not be written.
    expect(loaded.warnings.some((message) => /cannot write the trace cache/.test(message))).toBe(true);
    expect(heard).toEqual(loaded.warnings);
  });

  it('reads a trace from a read-only folder and caches it elsewhere', async () => {
    const root = copyFixture('bitbrains');
    const cacheDir = join(tempDir('cache'), 'nested', 'dir');
    chmodSync(root, 0o555);
    try {
      await loadTrace(root, { cacheDir });
      expect(readdirSync(cacheDir).filter((name) => name.endsWith('.bin'))).toHaveLength(1);
      expect(readdirSync(root).every((name) => name.endsWith('.csv'))).toBe(true);
      expect((await loadTrace(root, { cacheDir })).cached).toBe(true);
    } finally {
      chmodSync(root, 0o755);
    }
  });

  it('keys the cache on the absolute path: a relative path hits the same entry', async () => {
    const cacheDir = tempDir('cache');
    mkdirSync(cacheDir, { recursive: true });
    const absolute = join(FIXTURES, 'swf/tiny.swf');
    await loadTrace(absolute, { cacheDir });
    const relativePath = join('test/fixtures/traces/swf/tiny.swf');
    expect((await loadTrace(relativePath, { cacheDir })).cached).toBe(true);
  });
});
