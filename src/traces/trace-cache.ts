import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { sha256Hex } from '../common/checksum.js';
import { stableStringify } from '../common/stable-json.js';
import { layoutArrays, readArrayFile, writeArrayFile, type ArrayEntry, type NumericArray } from './array-file.js';
import { decodeSampleTimes, encodeSampleTimes } from './sample-times.js';
import type { TraceMachines, TraceWarning, Workload, WorkloadIo } from './workload.js';

/**
 * Bump whenever any reader's output changes for the same input, so old cache files are
 * never served.
 */
export const TRACE_READER_VERSION = 1;
/** RPTRACE3: sample times in the compact form of sample-times.ts when it fits. */
const MAGIC = 'RPTRACE3';

interface CacheHeader {
  key: string;
  format: string;
  sources: string[];
  sourceSha256: string[] | null;
  originEpochMs: number;
  traceOriginMs: number | null;
  vmIds: string[];
  warnings: TraceWarning[];
  machines: { ids: string[]; gpuModels: string[] | null } | null;
  hasIo: boolean;
  arrays: ArrayEntry[];
}

/**
 * The cache key: sha256 of the format, the reader version, the resolved options and each
 * source file's absolute path, size, mtime and inode. Any change to a source file or option misses.
 */
export async function traceCacheKey(format: string, options: unknown, sourceFiles: readonly string[]): Promise<string> {
  const files = [];
  for (const file of sourceFiles) {
    const info = await stat(file);
    files.push({ path: resolve(file), size: info.size, mtimeMs: info.mtimeMs, ino: info.ino });
  }
  return sha256Hex(stableStringify({ format, readerVersion: TRACE_READER_VERSION, options, files }));
}

export function traceCachePath(cacheDir: string, key: string): string {
  return join(cacheDir, `${key}.bin`);
}

/**
 * Writes `<cacheDir>/<key>.bin` (see array-file.ts for the layout), in chunks: any size works.
 * `sourceSha256` (one per workload source) is kept so that a cached run never reads the raw
 * trace again to record its checksums. Throws when the file cannot be written.
 */
export function writeTraceCache(cacheDir: string, key: string, workload: Workload): void {
  const arrays = namedArrays(workload);
  const header: CacheHeader = {
    key,
    format: workload.format,
    sources: [...workload.sources],
    sourceSha256: workload.sourceSha256 ? [...workload.sourceSha256] : null,
    originEpochMs: workload.originEpochMs,
    traceOriginMs: workload.traceOriginMs ?? null,
    vmIds: [...workload.vmIds],
    warnings: workload.warnings.map((w) => ({ ...w })),
    machines: workload.machines ? { ids: [...workload.machines.ids], gpuModels: workload.machines.gpuModels ? [...workload.machines.gpuModels] : null } : null,
    hasIo: workload.io !== null,
    arrays: layoutArrays(arrays),
  };
  writeArrayFile(traceCachePath(cacheDir, key), MAGIC, header, arrays, header.arrays);
}

/**
 * The cached workload, or null when there is no valid cache file for the key. With `shared`,
 * every array lives in a SharedArrayBuffer, so worker threads can be handed the workload
 * without copying it.
 */
export function readTraceCache(cacheDir: string, key: string, shared = false): Workload | null {
  const file = readArrayFile<CacheHeader>(traceCachePath(cacheDir, key), MAGIC, shared);
  if (!file || file.header.key !== key) return null;
  return toWorkload(file.header, file.arrays, shared);
}

/** The f64 sample times, as stored or decoded from their compact form; null when neither is there or valid. */
function sampleTimes(views: Map<string, NumericArray>, shared: boolean): Float64Array | null {
  const stored = views.get('sampleAtMs');
  if (stored) return stored instanceof Float64Array ? stored : null;
  const sampleStart = views.get('sampleStart') as Uint32Array;
  const firstMs = views.get('sampleTimes.firstMs');
  const stepMs = views.get('sampleTimes.stepMs');
  const offsetsMs = views.get('sampleTimes.offsetsMs');
  if (!(firstMs instanceof Float64Array && stepMs instanceof Float64Array && offsetsMs instanceof Uint32Array)) return null;
  const count = sampleStart[sampleStart.length - 1]!;
  const out = new Float64Array(shared ? new SharedArrayBuffer(count * 8) : new ArrayBuffer(count * 8));
  return decodeSampleTimes(sampleStart, { firstMs, stepMs, offsetsMs }, out);
}

function toWorkload(header: CacheHeader, views: Map<string, NumericArray>, shared: boolean): Workload | null {
  const get = <T extends NumericArray>(name: string): T => views.get(name) as T;
  const required = ['cores', 'cpuCapacityMhz', 'memoryMiB', 'gpus', 'endAtMs', 'sampleStart', 'sampleCpuMhz', 'sampleMemoryMiB'];
  if (required.some((name) => !views.has(name))) return null;
  if (get<Uint32Array>('sampleStart').length !== header.vmIds.length + 1) return null;
  const sampleAtMs = sampleTimes(views, shared);
  if (!sampleAtMs) return null;
  const io: WorkloadIo | null = header.hasIo
    ? { diskReadKBps: get('io.diskReadKBps'), diskWriteKBps: get('io.diskWriteKBps'), netRxKBps: get('io.netRxKBps'), netTxKBps: get('io.netTxKBps') }
    : null;
  let machines: TraceMachines | null = null;
  if (header.machines) {
    machines = { ids: header.machines.ids, cores: get('machines.cores'), memoryMiB: get('machines.memoryMiB'), gpus: get('machines.gpus') };
    if (header.machines.gpuModels) machines = { ...machines, gpuModels: header.machines.gpuModels };
  }
  if (header.sourceSha256 && header.sourceSha256.length !== header.sources.length) return null;
  const workload: Workload = {
    format: header.format,
    sources: header.sources,
    ...(header.sourceSha256 ? { sourceSha256: header.sourceSha256 } : {}),
    originEpochMs: header.originEpochMs,
    vmCount: header.vmIds.length,
    vmIds: header.vmIds,
    cores: get('cores'),
    cpuCapacityMhz: get('cpuCapacityMhz'),
    memoryMiB: get('memoryMiB'),
    gpus: get('gpus'),
    endAtMs: get('endAtMs'),
    sampleStart: get('sampleStart'),
    sampleAtMs,
    sampleCpuMhz: get('sampleCpuMhz'),
    sampleMemoryMiB: get('sampleMemoryMiB'),
    io,
    machines,
    warnings: header.warnings,
  };
  return header.traceOriginMs === null ? workload : { ...workload, traceOriginMs: header.traceOriginMs };
}

function namedArrays(w: Workload): [string, NumericArray][] {
  const arrays: [string, NumericArray][] = [
    ['cores', w.cores],
    ['cpuCapacityMhz', w.cpuCapacityMhz],
    ['memoryMiB', w.memoryMiB],
    ['gpus', w.gpus],
    ['endAtMs', w.endAtMs],
    ['sampleStart', w.sampleStart],
    ...timeArrays(w),
    ['sampleCpuMhz', w.sampleCpuMhz],
    ['sampleMemoryMiB', w.sampleMemoryMiB],
  ];
  if (w.io) {
    arrays.push(['io.diskReadKBps', w.io.diskReadKBps], ['io.diskWriteKBps', w.io.diskWriteKBps], ['io.netRxKBps', w.io.netRxKBps], ['io.netTxKBps', w.io.netTxKBps]);
  }
  if (w.machines) arrays.push(['machines.cores', w.machines.cores], ['machines.memoryMiB', w.machines.memoryMiB], ['machines.gpus', w.machines.gpus]);
  return arrays;
}

/** Sample times in their compact form (8 fewer bytes per sample for a fixed interval), else as f64. */
function timeArrays(w: Workload): [string, NumericArray][] {
  const encoded = encodeSampleTimes(w.sampleStart, w.sampleAtMs);
  if (!encoded) return [['sampleAtMs', w.sampleAtMs]];
  return [
    ['sampleTimes.firstMs', encoded.firstMs],
    ['sampleTimes.stepMs', encoded.stepMs],
    ['sampleTimes.offsetsMs', encoded.offsetsMs],
  ];
}
