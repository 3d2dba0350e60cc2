import { readFileSync } from 'node:fs';
import { InputError } from '../common/input-error.js';
import type { Datacenter } from '../model/datacenter.js';
import { membersOf, sortOutages, type FailureSchedule, type Outage } from './failure-schedule.js';
import { forEachCsvRow } from '../common/small-csv.js';

export const FAILURE_TRACE_HEADER = 'host_or_domain,start,end';
const FIELDS = ['host_or_domain', 'start', 'end'] as const;

/**
 * Reads a failure trace: CSV rows `host_or_domain,start,end`, times in seconds from the start
 * of the run, replayed exactly (rounded to whole ms). The first column is a host id, a rack id
 * or a cluster id of the datacenter; a domain row takes all its hosts down. An optional header
 * row, blank lines and lines starting with `#` are skipped. A bad row is an InputError naming
 * the file, the line and the field. Every outage has cause `trace`.
 */
export function readFailureTrace(path: string, dc: Datacenter): FailureSchedule {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError('cannot read file', { file: path });
  }
  const resolve = targetResolver(dc, path);
  const outages: Outage[] = [];
  forEachCsvRow(text, (cells, line) => {
    if (outages.length === 0 && cells.join(',').toLowerCase() === FAILURE_TRACE_HEADER) return;
    if (cells.length !== FIELDS.length) {
      throw new InputError(`expected ${FIELDS.length} columns (${FAILURE_TRACE_HEADER}), found ${cells.length}`, { file: path, line });
    }
    const [id, start, end] = cells as [string, string, string];
    const startS = seconds(start, { file: path, line, field: 'start' });
    const endS = seconds(end, { file: path, line, field: 'end' });
    if (!(endS > startS)) throw new InputError(`end (${end}) must be after start (${start})`, { file: path, line, field: 'end' });
    const startMs = Math.round(startS * 1000);
    const endMs = Math.max(startMs + 1, Math.round(endS * 1000));
    outages.push({ hostIndices: resolve(id, line), startMs, endMs, cause: 'trace', source: id });
  });
  return sortOutages(outages);
}

function seconds(text: string, where: { file: string; line: number; field: string }): number {
  const value = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) throw new InputError(`expected a number of seconds >= 0, found "${text}"`, where);
  return value;
}

/** Maps a host, rack or cluster id to its host indices; unknown or ambiguous ids fail. */
function targetResolver(dc: Datacenter, file: string): (id: string, line: number) => number[] {
  const targets = new Map<string, { kind: string; hosts: number[] }[]>();
  const add = (id: string, kind: string, hosts: number[]) => targets.set(id, [...(targets.get(id) ?? []), { kind, hosts }]);
  dc.hostIds.forEach((id, h) => add(id, 'host', [h]));
  const racks = membersOf(dc.rackOf, dc.rackIds.length);
  dc.rackIds.forEach((id, r) => add(id, 'rack', racks[r]!));
  const clusters = membersOf(dc.clusterOf, dc.clusterIds.length);
  dc.clusterIds.forEach((id, c) => add(id, 'cluster', clusters[c]!));
  return (id, line) => {
    const where = { file, line, field: 'host_or_domain' };
    const found = targets.get(id);
    if (!found) {
      const examples = [dc.hostIds[0], dc.rackIds[0], dc.clusterIds[0]].filter(Boolean).join(', ');
      throw new InputError(`"${id}" is not a host, rack or cluster of topology ${dc.topologyId} (e.g. ${examples})`, where);
    }
    if (found.length > 1) throw new InputError(`"${id}" is ambiguous: it names a ${found.map((f) => f.kind).join(' and a ')}`, where);
    if (found[0]!.hosts.length === 0) throw new InputError(`${found[0]!.kind} "${id}" has no hosts`, where);
    return found[0]!.hosts;
  };
}
