import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A file of a JSON header and typed arrays, written and read in bounded chunks so that neither
 * the file nor any array is ever one buffer: a workload of any size (a 202 M-sample trace makes
 * a 5 GB file) round-trips. Layout: 8 magic bytes, the header length (u32 LE), the header
 * (UTF-8 JSON), then each array at an 8-aligned offset from the 8-aligned data start.
 */
export type ArrayType = 'f64' | 'f32' | 'u32';
export type NumericArray = Float64Array | Float32Array | Uint32Array;

export interface ArrayEntry {
  name: string;
  type: ArrayType;
  /** Bytes from the data start. */
  offset: number;
  length: number;
}

/** Bytes per read or write call (node's fs calls refuse more than 2 GiB at once). */
const IO_CHUNK_BYTES = 64 << 20;
const ALIGN = 8;

export function align8(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}

export function typeOf(array: NumericArray): ArrayType {
  if (array instanceof Float64Array) return 'f64';
  if (array instanceof Float32Array) return 'f32';
  return 'u32';
}

/** Array entries laid out one after another, each 8-aligned. */
export function layoutArrays(arrays: readonly (readonly [string, NumericArray])[]): ArrayEntry[] {
  let offset = 0;
  return arrays.map(([name, array]) => {
    const entry = { name, type: typeOf(array), offset, length: array.length };
    offset = align8(offset + array.byteLength);
    return entry;
  });
}

/**
 * Writes magic + header + arrays to a sibling temp file, then renames it into place: a reader
 * sees the whole file or none. Throws (after removing the temp file) when anything fails.
 */
export function writeArrayFile(path: string, magic: string, header: object, arrays: readonly (readonly [string, NumericArray])[], entries: readonly ArrayEntry[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const prefix = Buffer.alloc(magic.length + 4);
    prefix.write(magic, 0, 'latin1');
    prefix.writeUInt32LE(headerBytes.length, magic.length);
    let position = writeAll(fd, prefix, 0);
    position = writeAll(fd, headerBytes, position);
    const dataStart = align8(position);
    let end = dataStart;
    arrays.forEach(([, array], i) => {
      const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
      end = Math.max(end, align8(writeAll(fd, bytes, dataStart + entries[i]!.offset)));
    });
    // Padding after the last array (and empty arrays past it) must exist for the reader's bounds check.
    ftruncateSync(fd, end);
    closeSync(fd);
    renameSync(temp, path);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temp, { force: true });
    throw error;
  }
}

function writeAll(fd: number, bytes: Uint8Array, position: number): number {
  let done = 0;
  while (done < bytes.length) {
    const n = writeSync(fd, bytes, done, Math.min(IO_CHUNK_BYTES, bytes.length - done), position + done);
    done += n;
  }
  return position + done;
}

export interface ArrayFile<H> {
  header: H;
  arrays: Map<string, NumericArray>;
}

/**
 * Reads a file written by writeArrayFile; each array gets its own buffer, filled in chunks.
 * Null when the file is missing, has another magic, a bad header, or arrays past its end.
 */
export function readArrayFile<H extends { arrays: ArrayEntry[] }>(path: string, magic: string, shared = false): ArrayFile<H> | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return null; // something else in its place: not a cache entry
    const size = info.size;
    const prefix = Buffer.alloc(magic.length + 4);
    if (size < prefix.length || !readAll(fd, prefix, 0)) return null;
    if (prefix.toString('latin1', 0, magic.length) !== magic) return null;
    const headerLength = prefix.readUInt32LE(magic.length);
    const dataStart = align8(prefix.length + headerLength);
    if (dataStart > size) return null;
    const headerBytes = Buffer.alloc(headerLength);
    if (!readAll(fd, headerBytes, prefix.length)) return null;
    let header: H;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as H;
    } catch {
      return null;
    }
    if (!Array.isArray(header.arrays)) return null;
    const arrays = new Map<string, NumericArray>();
    for (const entry of header.arrays) {
      const array = allocate(entry, shared);
      if (!array || dataStart + entry.offset + array.byteLength > size) return null;
      if (!readAll(fd, new Uint8Array(array.buffer, 0, array.byteLength), dataStart + entry.offset)) return null;
      arrays.set(entry.name, array);
    }
    return { header, arrays };
  } finally {
    closeSync(fd);
  }
}

/** A zeroed array for the entry, in a SharedArrayBuffer when `shared` (so worker threads can share it). */
function allocate(entry: ArrayEntry, shared: boolean): NumericArray | null {
  if (!Number.isSafeInteger(entry.length) || entry.length < 0 || !Number.isSafeInteger(entry.offset) || entry.offset % ALIGN !== 0) return null;
  const width = entry.type === 'f64' ? 8 : entry.type === 'f32' || entry.type === 'u32' ? 4 : 0;
  if (width === 0) return null;
  const buffer = shared ? new SharedArrayBuffer(entry.length * width) : new ArrayBuffer(entry.length * width);
  if (entry.type === 'f64') return new Float64Array(buffer);
  return entry.type === 'f32' ? new Float32Array(buffer) : new Uint32Array(buffer);
}

function readAll(fd: number, bytes: Uint8Array, position: number): boolean {
  let done = 0;
  while (done < bytes.length) {
    const n = readSync(fd, bytes, done, Math.min(IO_CHUNK_BYTES, bytes.length - done), position + done);
    if (n === 0) return false;
    done += n;
  }
  return true;
}
