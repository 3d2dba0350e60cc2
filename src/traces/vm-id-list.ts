import { readFileSync } from 'node:fs';
import { InputError } from '../common/input-error.js';

/**
 * A list of VM ids to replay (`replay --vms <file>`): one id per line, surrounding whitespace
 * ignored, blank lines and lines starting with `#` skipped. Each id keeps its line number, so an
 * id the trace lacks is reported where it was written.
 */
export interface VmIdList {
  file: string;
  ids: string[];
  /** 1-based line of each id. */
  lines: number[];
}

/** Parses a VM id list; a duplicate id is an error naming both lines. Pure. */
export function parseVmIdList(text: string, file: string): VmIdList {
  const ids: string[] = [];
  const lines: number[] = [];
  const firstLine = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const id = raw.trim();
    if (id === '' || id.startsWith('#')) return;
    const seen = firstLine.get(id);
    if (seen !== undefined) throw new InputError(`duplicate VM id "${id}" (first on line ${seen})`, { file, line: i + 1 });
    firstLine.set(id, i + 1);
    ids.push(id);
    lines.push(i + 1);
  });
  if (ids.length === 0) throw new InputError('lists no VM ids (one id per line; # starts a comment)', { file });
  return { file, ids, lines };
}

/** Reads and parses a VM id list file; unreadable or not UTF-8 text is an input error. */
export function readVmIdList(path: string): VmIdList {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a VM id list file' : `cannot read (${code ?? 'error'})`, { file: path });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('is not UTF-8 text', { file: path });
  }
  return parseVmIdList(text, path);
}
