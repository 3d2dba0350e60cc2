import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../common/input-error.js';
import { FileChecksumCache, sha256File, sha256Hex } from '../common/checksum.js';
import { stableStringify } from '../common/stable-json.js';

/**
 * sha256 of input files (streamed, any size), remembered by absolute path, size, mtime and
 * inode: a trace of many gigabytes is read once per sweep, and again only when one of those
 * changes. `known` seeds the memory (from
 * `<out>/checksums.json`); `entries()` returns it for saving.
 */
export class FileChecksums {
  private readonly memo: Map<string, string>;
  private readonly shared: FileChecksumCache | null;

  /**
   * With a cache folder, checksums are also shared through it (FileChecksumCache): other
   * threads, shards and later sweeps on this machine hash each file version once.
   */
  constructor(known: Readonly<Record<string, string>> = {}, cacheDir: string | null = null) {
    this.memo = new Map(Object.entries(known));
    this.shared = cacheDir === null ? null : new FileChecksumCache(cacheDir);
  }

  /** sha256 of a file, or of a folder: of the sorted (relative path, sha256) of every file in it. */
  of(path: string): string {
    const absolute = resolve(path);
    let info;
    try {
      info = statSync(absolute);
    } catch {
      throw new InputError('no such file or folder', { file: absolute });
    }
    // Reading a device or FIFO never ends (/dev/zero): only regular files and folders are inputs.
    if (!info.isFile() && !info.isDirectory()) throw new InputError('a device or special file; only regular files and folders are inputs', { file: absolute });
    if (info.isFile()) return this.file(absolute, info.size, info.mtimeMs, info.ino);
    const entries = listTree(absolute, '').map((name) => [name, this.of(join(absolute, name))]);
    return sha256Hex(stableStringify(entries));
  }

  /** Every remembered checksum, key order sorted. */
  entries(): Record<string, string> {
    return Object.fromEntries([...this.memo.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  private file(path: string, size: number, mtimeMs: number, ino: number): string {
    const key = `${path}|${size}|${mtimeMs}|${ino}`;
    let sum = this.memo.get(key);
    if (sum === undefined) {
      sum = this.shared ? this.shared.of(path) : sha256File(path);
      this.memo.set(key, sum);
    }
    return sum;
  }
}

/** Regular files under a folder, recursively, relative paths in code-unit order; dot files skipped. */
function listTree(root: string, prefix: string): string[] {
  const names = readdirSync(join(root, prefix), { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return names.flatMap((entry) => {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listTree(root, name);
    return entry.isFile() ? [name] : [];
  });
}
