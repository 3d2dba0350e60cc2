import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../common/input-error.js';
import { stableStringify } from '../common/stable-json.js';
import { RUN_FILES } from '../metrics/run-files.js';
import type { RunResult, RunSummary } from '../metrics/run-result.js';
import { writeRunFiles } from '../metrics/write-run-files.js';
import type { RunIdentity } from './run-identity.js';

/** The identity of a stored run, next to its summary.json and CSVs. */
export const IDENTITY_FILE = 'identity.json';

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
