import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';

/** Bytes hashed per read: memory stays bounded whatever the file size (files over 2 GiB too). */
const HASH_CHUNK_BYTES = 8 << 20;

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * One read buffer for every file hashed, grown to the largest chunk needed so far: a fresh 8 MiB
 * buffer per file made a 1,052-file PlanetLab day allocate 8 GB, and the external-memory
 * pressure ran hundreds of garbage collections (a quarter of the whole replay's CPU time).
 */
let hashBuffer = Buffer.alloc(0);

/** sha256 of a file, read in chunks of at most 8 MiB (never the whole file at once). */
export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const chunk = Math.max(1, Math.min(HASH_CHUNK_BYTES, fstatSync(fd).size));
    if (hashBuffer.length < chunk) hashBuffer = Buffer.allocUnsafe(chunk);
    const buffer = hashBuffer;
    let position = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, chunk, position);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      position += n;
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** What identifies one version of a file: a change to any of these means the bytes may differ. */
export interface FileVersion {
  path: string;
  size: string;
  mtimeNs: string;
  ino: string;
}

/** The file's version from one stat call (bigint, so nanoseconds and inodes are exact). */
export function fileVersion(path: string): FileVersion {
  const absolute = resolve(path);
  const info = statSync(absolute, { bigint: true });
  return { path: absolute, size: String(info.size), mtimeNs: String(info.mtimeNs), ino: String(info.ino) };
}

function sameVersion(a: FileVersion, b: FileVersion): boolean {
  return a.path === b.path && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ino === b.ino;
}

/**
 * sha256 of input files computed once per file version: remembered in memory and, when a
 * folder is given, in `<dir>/sha256/<sha256 of the path>.json` keyed by the file's absolute
 * path, size, mtime and inode. A remembered checksum is served after one stat call, without
 * reading the file; any change to those four hashes the file again. A checksum is stored only
 * when the file's version is the same after hashing as before, and a folder that cannot be
 * written only costs the next run a hash (`onWarning` hears about it once).
 */
export class FileChecksumCache {
  private readonly memory = new Map<string, { version: FileVersion; sha256: string }>();
  private warned = false;

  constructor(
    private readonly dir: string | null,
    private readonly onWarning: (message: string) => void = () => {},
  ) {}

  of(path: string): string {
    const version = fileVersion(path);
    const known = this.memory.get(version.path) ?? this.fromDisk(version.path);
    if (known && sameVersion(known.version, version)) return known.sha256;
    const sha256 = sha256File(version.path);
    if (!sameVersion(fileVersion(version.path), version)) return sha256;
    const entry = { version, sha256 };
    this.memory.set(version.path, entry);
    this.toDisk(entry);
    return sha256;
  }

  private entryFile(absolute: string): string | null {
    return this.dir === null ? null : join(this.dir, 'sha256', `${sha256Hex(absolute).slice(0, 40)}.json`);
  }

  private fromDisk(absolute: string): { version: FileVersion; sha256: string } | null {
    const file = this.entryFile(absolute);
    if (file === null) return null;
    try {
      const entry = JSON.parse(readFileSync(file, 'utf8')) as { version: FileVersion; sha256: string };
      return typeof entry.sha256 === 'string' && /^[0-9a-f]{64}$/.test(entry.sha256) && entry.version ? entry : null;
    } catch {
      return null;
    }
  }

  private toDisk(entry: { version: FileVersion; sha256: string }): void {
    const file = this.entryFile(entry.version.path);
    if (file === null) return;
    try {
      writeFileAtomic(file, JSON.stringify(entry));
    } catch (error) {
      if (this.warned) return;
      this.warned = true;
      this.onWarning(`cannot store input checksums in ${this.dir} (${(error as Error).message}); they are computed again next run`);
    }
  }
}
