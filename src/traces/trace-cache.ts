import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../common/atomic-write.js';
import { sha256Hex } from '../common/checksum.js';
import { stableStringify } from '../common/stable-json.js';
import type { TraceMachines, TraceWarning, Workload, WorkloadIo } from './workload.js';

/**
 * Bump whenever any reader's output changes for the same input, so old cache files are
 * never served.
 */
export const TRACE_READER_VERSION = 1;
const MAGIC = 'RPTRACE1';
const ALIGN = 8;

type ArrayType = 'f64' | 'f32' | 'u32';
type NumericArray = Float64Array | Float32Array | Uint32Array;

interface ArrayEntry {
  name: string;
  type: ArrayType;
  offset: number;
  length: number;
}

interface CacheHeader {
  key: string;
  format: string;
  sources: string[];
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
 * source file's absolute path, size and mtime. Any change to a source file or option misses.
 */
export async function traceCacheKey(format: string, options: unknown, sourceFiles: readonly string[]): Promise<string> {
  const files = [];
  for (const file of sourceFiles) {
    const info = await stat(file);
    files.push({ path: resolve(file), size: info.size, mtimeMs: info.mtimeMs });
  }
  return sha256Hex(stableStringify({ format, readerVersion: TRACE_READER_VERSION, options, files }));
}

export function traceCachePath(cacheDir: string, key: string): string {
  return join(cacheDir, `${key}.bin`);
}

/** Writes `<cacheDir>/<key>.bin`: magic, header length, JSON header, then 8-aligned arrays. */
export function writeTraceCache(cacheDir: string, key: string, workload: Workload): void {
  const arrays = namedArrays(workload);
  const entries: ArrayEntry[] = [];
  const header: CacheHeader = {
    key,
    format: workload.format,
    sources: [...workload.sources],
    originEpochMs: workload.originEpochMs,
    traceOriginMs: workload.traceOriginMs ?? null,
    vmIds: [...workload.vmIds],
    warnings: workload.warnings.map((w) => ({ ...w })),
    machines: workload.machines ? { ids: [...workload.machines.ids], gpuModels: workload.machines.gpuModels ? [...workload.machines.gpuModels] : null } : null,
    hasIo: workload.io !== null,
    arrays: entries,
  };
  // Offsets are relative to the data section, so the header can be sized after they are known.
  let offset = 0;
  for (const [name, array] of arrays) {
    entries.push({ name, type: typeOf(array), offset, length: array.length });
    offset = align(offset + array.byteLength);
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const dataStart = align(MAGIC.length + 4 + headerBytes.length);
  const out = new Uint8Array(dataStart + offset);
  out.set(Buffer.from(MAGIC, 'latin1'), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, headerBytes.length, true);
  out.set(headerBytes, MAGIC.length + 4);
  arrays.forEach(([, array], i) => out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), dataStart + entries[i]!.offset));
  writeFileAtomic(traceCachePath(cacheDir, key), out);
}

/** The cached workload, or null when there is no valid cache file for the key. */
export function readTraceCache(cacheDir: string, key: string): Workload | null {
  const bytes = readWhole(traceCachePath(cacheDir, key));
  if (!bytes || bytes.length < MAGIC.length + 4) return null;
  if (Buffer.from(bytes.buffer, 0, MAGIC.length).toString('latin1') !== MAGIC) return null;
  const headerLength = new DataView(bytes.buffer).getUint32(MAGIC.length, true);
  const dataStart = align(MAGIC.length + 4 + headerLength);
  if (dataStart > bytes.length) return null;
  let header: CacheHeader;
  try {
    header = JSON.parse(Buffer.from(bytes.buffer, MAGIC.length + 4, headerLength).toString('utf8')) as CacheHeader;
  } catch {
    return null;
  }
  if (header.key !== key) return null;
  const views = new Map<string, NumericArray>();
  for (const entry of header.arrays) {
    const view = viewOf(bytes.buffer as ArrayBuffer, dataStart + entry.offset, entry);
    if (!view) return null;
    views.set(entry.name, view);
  }
  return toWorkload(header, views);
}

function toWorkload(header: CacheHeader, views: Map<string, NumericArray>): Workload | null {
  const get = <T extends NumericArray>(name: string): T => views.get(name) as T;
  const required = ['cores', 'cpuCapacityMhz', 'memoryMiB', 'gpus', 'endAtMs', 'sampleStart', 'sampleAtMs', 'sampleCpuMhz', 'sampleMemoryMiB'];
  if (required.some((name) => !views.has(name))) return null;
  if (get<Uint32Array>('sampleStart').length !== header.vmIds.length + 1) return null;
  const io: WorkloadIo | null = header.hasIo
    ? { diskReadKBps: get('io.diskReadKBps'), diskWriteKBps: get('io.diskWriteKBps'), netRxKBps: get('io.netRxKBps'), netTxKBps: get('io.netTxKBps') }
    : null;
  let machines: TraceMachines | null = null;
  if (header.machines) {
    machines = { ids: header.machines.ids, cores: get('machines.cores'), memoryMiB: get('machines.memoryMiB'), gpus: get('machines.gpus') };
    if (header.machines.gpuModels) machines = { ...machines, gpuModels: header.machines.gpuModels };
  }
  const workload: Workload = {
    format: header.format,
    sources: header.sources,
    originEpochMs: header.originEpochMs,
    vmCount: header.vmIds.length,
    vmIds: header.vmIds,
    cores: get('cores'),
    cpuCapacityMhz: get('cpuCapacityMhz'),
    memoryMiB: get('memoryMiB'),
    gpus: get('gpus'),
    endAtMs: get('endAtMs'),
    sampleStart: get('sampleStart'),
    sampleAtMs: get('sampleAtMs'),
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
    ['sampleAtMs', w.sampleAtMs],
    ['sampleCpuMhz', w.sampleCpuMhz],
    ['sampleMemoryMiB', w.sampleMemoryMiB],
  ];
  if (w.io) {
    arrays.push(['io.diskReadKBps', w.io.diskReadKBps], ['io.diskWriteKBps', w.io.diskWriteKBps], ['io.netRxKBps', w.io.netRxKBps], ['io.netTxKBps', w.io.netTxKBps]);
  }
  if (w.machines) arrays.push(['machines.cores', w.machines.cores], ['machines.memoryMiB', w.machines.memoryMiB], ['machines.gpus', w.machines.gpus]);
  return arrays;
}

function typeOf(array: NumericArray): ArrayType {
  if (array instanceof Float64Array) return 'f64';
  if (array instanceof Float32Array) return 'f32';
  return 'u32';
}

function viewOf(buffer: ArrayBuffer, byteOffset: number, entry: ArrayEntry): NumericArray | null {
  const width = entry.type === 'f64' ? 8 : 4;
  if (byteOffset % width !== 0 || byteOffset + entry.length * width > buffer.byteLength) return null;
  if (entry.type === 'f64') return new Float64Array(buffer, byteOffset, entry.length);
  if (entry.type === 'f32') return new Float32Array(buffer, byteOffset, entry.length);
  if (entry.type === 'u32') return new Uint32Array(buffer, byteOffset, entry.length);
  return null;
}

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

/** The whole file in a fresh, 0-offset ArrayBuffer (so typed views are aligned), or null. */
function readWhole(path: string): Uint8Array | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new ArrayBuffer(size));
    let done = 0;
    while (done < size) {
      const n = readSync(fd, bytes, done, size - done, done);
      if (n === 0) return null;
      done += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}
