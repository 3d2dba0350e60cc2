import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A file written in chunks as they come (an event log can be far larger than memory allows to
 * hold as one string), into a temp file that commitTo() renames into place: like
 * writeFileAtomic, a crash or an error never leaves a half-written file where it belongs.
 * The temp file must be on the same filesystem as its final place (a sibling of its folder).
 */
export class StreamedFile {
  private readonly temp: string;
  private fd: number;

  constructor(temp: string) {
    mkdirSync(dirname(temp), { recursive: true });
    this.temp = temp;
    this.fd = openSync(this.temp, 'w');
  }

  write(text: string): void {
    writeSync(this.fd, text);
  }

  /** Closes the file and puts it at `path`. */
  commitTo(path: string): void {
    closeSync(this.fd);
    this.fd = -1;
    renameSync(this.temp, path);
  }

  /** Closes and removes the temp file (after an error). */
  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.temp, { force: true });
  }
}
