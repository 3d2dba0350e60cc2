import { readFileSync } from 'node:fs';
import { isOpenDcTopology, readOpenDcTopology, type OpenDcTopology } from './opendc-topology.js';

/**
 * What an OpenDC topology became, one line each: a heading naming the file (as the caller shows
 * it), what was mapped, then what has no rackplan equivalent. Commands print these on the
 * terminal and their reports show them, so nothing left out is left out silently.
 */
export function topologyNotes(shownPath: string, openDc: Pick<OpenDcTopology, 'mapped' | 'unmapped'>): string[] {
  return [`topology ${shownPath}: OpenDC format`, ...openDc.mapped.map((line) => `mapped: ${line}`), ...openDc.unmapped.map((line) => `not mapped: ${line}`)];
}

/** The notes of a topology file when it is in OpenDC's format, else none (rackplan's own format). */
export function openDcNotesOf(path: string, shownPath: string = path): string[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return [];
  }
  if (!isOpenDcTopology(raw)) return [];
  const read = readOpenDcTopology(raw, path);
  return topologyNotes(shownPath, read);
}
