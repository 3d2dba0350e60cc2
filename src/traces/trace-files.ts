import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { InputError } from '../common/input-error.js';

/**
 * Numeric-aware, locale-free name order: digit runs compare by value ("2" < "10"), everything
 * else by UTF-16 code unit; names equal under that rule fall back to plain code-unit order so
 * the order is total and the same on every machine.
 */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let ei = i;
      let ej = j;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      const order = compareDigitRuns(a.slice(i, ei), b.slice(j, ej));
      if (order !== 0) return order;
      i = ei;
      j = ej;
    } else {
      if (ca !== cb) return ca - cb;
      i++;
      j++;
    }
  }
  if (a.length - i !== b.length - j) return a.length - i - (b.length - j);
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareDigitRuns(x: string, y: string): number {
  const a = x.replace(/^0+(?=\d)/, '');
  const b = y.replace(/^0+(?=\d)/, '');
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export type PathKind = 'file' | 'dir';

/** 'file' or 'dir'; an InputError when the path does not exist. */
export async function pathKind(path: string): Promise<PathKind> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputError('no such file or directory', { file: path });
  }
  // A device or FIFO never ends (/dev/zero grew a process to 4.4 GB): only files and folders are traces.
  if (!info.isFile() && !info.isDirectory()) throw new InputError('a device or special file, not a trace; give a regular file or folder', { file: path });
  return info.isDirectory() ? 'dir' : 'file';
}

/** Like pathKind, but null instead of an error. */
export async function pathKindOrNull(path: string): Promise<PathKind | null> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

/**
 * Regular files of a directory (not dot files), full paths, in natural name order. Symbolic
 * links are followed: a linked trace file is read like any other, never silently skipped.
 */
export async function listFiles(dir: string): Promise<string[]> {
  return (await listKinds(dir)).filter(([, kind]) => kind === 'file').map(([path]) => path);
}

/** Subdirectories of a directory (not dot dirs, symbolic links followed), in natural name order. */
export async function listDirs(dir: string): Promise<string[]> {
  return (await listKinds(dir)).filter(([, kind]) => kind === 'dir').map(([path]) => path);
}

async function listKinds(dir: string): Promise<[string, PathKind | null][]> {
  const entries = await listEntries(dir);
  const kinds: [string, PathKind | null][] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      const kind = await pathKindOrNull(path);
      if (kind === null) throw new InputError('broken symbolic link', { file: path });
      kinds.push([path, kind]);
    } else {
      kinds.push([path, entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : null]);
    }
  }
  return kinds;
}

async function listEntries(dir: string) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    throw new InputError('cannot list directory', { file: dir });
  }
  return entries
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => naturalCompare(a.name, b.name));
}

/** The file name without `.gz` and then without the given extension (e.g. `.csv`). */
export function stemOf(path: string, extension: string): string {
  let name = basename(path);
  if (name.endsWith('.gz')) name = name.slice(0, -3);
  if (extension && name.toLowerCase().endsWith(extension)) name = name.slice(0, -extension.length);
  return name;
}

/** True when the name, without a `.gz` suffix, ends with the extension (case-insensitive). */
export function hasExtension(path: string, extension: string): boolean {
  let name = basename(path).toLowerCase();
  if (name.endsWith('.gz')) name = name.slice(0, -3);
  return name.endsWith(extension);
}

/**
 * The files of `dir` whose name (without `.gz`) starts with `prefix` and ends with one of
 * `extensions`, in natural order; also looks inside a subdirectory named `prefix`.
 */
export async function findTable(dir: string, prefix: string, extensions: readonly string[]): Promise<string[]> {
  const matches = (path: string): boolean => {
    const name = stemOf(path, '').toLowerCase();
    return name.startsWith(prefix) && extensions.some((ext) => name.endsWith(ext));
  };
  const direct = (await listFiles(dir)).filter(matches);
  if (direct.length > 0) return direct;
  const sub = join(dir, prefix);
  if ((await pathKindOrNull(sub)) === 'dir') return (await listFiles(sub)).filter((path) => hasAnyExtension(path, extensions));
  return [];
}

function hasAnyExtension(path: string, extensions: readonly string[]): boolean {
  return extensions.some((ext) => hasExtension(path, ext));
}
