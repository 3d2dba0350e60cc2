import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A file written in chunks as they come (an event log can be far larger than memory allows to
 * hold as one string), into a sibling temp file that commit() renames into place: like
 * writeFileAtomic, a crash or an error never leaves a half-written file at `path`.
 */
export class StreamedFile {
  private readonly path: string;
  private readonly temp: string;
  private fd: number;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.path = path;
    this.temp = `${path}.${process.pid}.tmp`;
    this.fd = openSync(this.temp, 'w');
  }

  write(text: string): void {
    writeSync(this.fd, text);
  }

  /** Closes the file and puts it in place. */
  commit(): void {
    closeSync(this.fd);
    this.fd = -1;
    renameSync(this.temp, this.path);
  }

  /** Closes and removes the temp file (after an error). */
  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.temp, { force: true });
  }
}
