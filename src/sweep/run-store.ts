import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from '../common/checksum.js';
import { InputError } from '../common/input-error.js';
import { stableStringify } from '../common/stable-json.js';
import { RUN_FILES } from '../metrics/run-files.js';
import type { RunResult, RunSummary } from '../metrics/run-result.js';
import { writeRunFiles } from '../metrics/write-run-files.js';
import type { RunIdentity } from './run-identity.js';

/** The identity of a stored run, next to its summary.json and CSVs. */
export const IDENTITY_FILE = 'identity.json';
/** An identity is a few kilobytes; a larger file is not one. */
const MAX_IDENTITY_BYTES = 1 << 20;

/** A stored run checked against its name: absent, sound, or rejected with the reason. */
export type StoredRunCheck = { state: 'absent' } | { state: 'ok' } | { state: 'rejected'; reason: string };

/**
 * Run results stored by content address: `<out>/runs/<hash>/`. A run is written into
 * `runs/.partial/<hash>.<tag>/` and renamed into place, so a folder `runs/<hash>` is always a
 * complete run and a process killed at any moment (kill -9 included) leaves either a complete
 * run or an orphan under `.partial/`, never a half-written result. rename(2) onto a non-empty
 * folder fails, so two writers of the same run cannot mix their files: the first one wins.
 */
export class RunStore {
  readonly runsDir: string;
  private readonly partialDir: string;

  constructor(readonly outDir: string) {
    this.runsDir = join(outDir, 'runs');
    this.partialDir = join(this.runsDir, '.partial');
  }

  runDir(hash: string): string {
    return join(this.runsDir, hash);
  }

  isDone(hash: string): boolean {
    return existsSync(join(this.runDir(hash), RUN_FILES.summary));
  }

  /**
   * Whether the run stored under `hash` is the run with that hash: its identity.json must hash
   * to the folder's name (it is written as the stable JSON the hash is computed from). Catches a
   * result stored under another run's hash (a forged job believed by an older worker, a copied
   * folder); a fabricated summary next to a true identity cannot be told apart without running
   * the run again.
   */
  check(hash: string): StoredRunCheck {
    if (!this.isDone(hash)) return { state: 'absent' };
    const file = join(this.runDir(hash), IDENTITY_FILE);
    let bytes: Buffer;
    try {
      if (statSync(file).size > MAX_IDENTITY_BYTES) return { state: 'rejected', reason: `${IDENTITY_FILE} is larger than ${MAX_IDENTITY_BYTES} bytes` };
      bytes = readFileSync(file);
    } catch {
      return { state: 'rejected', reason: `${IDENTITY_FILE} is missing or unreadable` };
    }
    const found = sha256Hex(bytes);
    return found === hash ? { state: 'ok' } : { state: 'rejected', reason: `its ${IDENTITY_FILE} hashes to ${found}` };
  }

  /** Moves a rejected run aside to `runs/.rejected/<hash>.<n>` (kept for inspection); returns where. */
  reject(hash: string): string {
    const dir = join(this.runsDir, '.rejected');
    mkdirSync(dir, { recursive: true });
    let n = 0;
    while (existsSync(join(dir, `${hash}.${n}`))) n++;
    const target = join(dir, `${hash}.${n}`);
    renameSync(this.runDir(hash), target);
    return target;
  }

  readSummary(hash: string): RunSummary {
    const file = join(this.runDir(hash), RUN_FILES.summary);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as RunSummary;
    } catch (error) {
      throw new InputError(`cannot read a stored run (${(error as Error).message})`, { file });
    }
  }

  /**
   * Writes a run's files and its identity, then renames them into place. `tag` makes the
   * partial folder unique to this writer (host, process, thread, counter). Returns false when
   * the run was already there (another writer finished it first).
   */
  write(hash: string, identity: RunIdentity, result: RunResult, tag: string): boolean {
    if (this.isDone(hash)) return false;
    const partial = join(this.partialDir, `${hash}.${tag}`);
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    try {
      writeRunFiles(result, partial);
      writeFileSync(join(partial, IDENTITY_FILE), stableStringify(identity));
      renameSync(partial, this.runDir(hash));
      return true;
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      const code = (error as NodeJS.ErrnoException).code;
      if ((code === 'ENOTEMPTY' || code === 'EEXIST') && this.isDone(hash)) return false;
      throw error;
    }
  }

  /** Removes partial folders of runs that are now complete (what killed writers left behind). */
  removePartials(hashes: ReadonlySet<string>): number {
    if (!existsSync(this.partialDir)) return 0;
    let removed = 0;
    for (const name of readdirSync(this.partialDir)) {
      const hash = name.slice(0, name.indexOf('.'));
      if (!hashes.has(hash) || !this.isDone(hash)) continue;
      rmSync(join(this.partialDir, name), { recursive: true, force: true });
      removed++;
    }
    return removed;
  }
}
