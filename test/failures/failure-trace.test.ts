import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/common/input-error.js';
import { readFailureTrace } from '../../src/failures/failure-trace.js';
import type { Catalog } from '../../src/model/catalog.js';
import { buildDatacenter } from '../../src/model/datacenter.js';
import { hostModel, hypervisor } from '../helpers/tiny-world.js';

const dir = mkdtempSync(join(tmpdir(), 'rackplan-failure-trace-'));
const MODEL = hostModel('h', 4, 1000, 8192, { kind: 'linear', idleW: 100, maxW: 200 });
const catalog: Catalog = { dir: 'test', hosts: new Map([['h', MODEL]]), hypervisors: new Map([['bare', hypervisor('bare')]]), guests: new Map(), files: new Map() };
// Hosts r1-0001, r1-0002 (rack r1) and r2-0003 (rack r2), all in cluster c.
const dc = buildDatacenter(
  { id: 'ft', name: 'ft', hypervisor: 'bare', clusters: [{ id: 'c', racks: [{ id: 'r1', hosts: [{ model: 'h', count: 2 }] }, { id: 'r2', hosts: [{ model: 'h', count: 1 }] }] }] },
  catalog,
  'ft.json',
);

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function errorOf(path: string): InputError {
  try {
    readFailureTrace(path, dc);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('readFailureTrace', () => {
  it('replays host, rack and cluster rows exactly, sorted by start', () => {
    const path = file('good.csv', '\uFEFFhost_or_domain,start,end\n# maintenance\nr2,100,160.5\r\nr1-0002,0,30\n\nc,1000,1001\n');
    expect(readFailureTrace(path, dc)).toEqual([
      { hostIndices: [1], startMs: 0, endMs: 30_000, cause: 'trace', source: 'r1-0002' },
      { hostIndices: [2], startMs: 100_000, endMs: 160_500, cause: 'trace', source: 'r2' },
      { hostIndices: [0, 1, 2], startMs: 1_000_000, endMs: 1_001_000, cause: 'trace', source: 'c' },
    ]);
  });

  it('reads a file without a header', () => {
    expect(readFailureTrace(file('no-header.csv', 'r1-0001,5,6\n'), dc)).toHaveLength(1);
  });

  it.each([
    ['columns.csv', 'host_or_domain,start,end\nr1-0001,5\n', 2, undefined, /expected 3 columns/],
    ['start.csv', 'r1-0001,abc,6\n', 1, 'start', /expected a number of seconds >= 0, found "abc"/],
    ['negative.csv', 'r1-0001,-5,6\n', 1, 'start', /found "-5"/],
    ['end.csv', 'r1-0001,1,\n', 1, 'end', /found ""/],
    ['order.csv', 'r1-0001,1,2\nr1-0001,10,10\n', 2, 'end', /must be after start/],
    ['unknown.csv', '# x\nr9-0001,1,2\n', 2, 'host_or_domain', /"r9-0001" is not a host, rack or cluster of topology ft/],
  ])('%s: names the file, line and field', (name, text, line, field, message) => {
    const path = file(name, text);
    const error = errorOf(path);
    expect(error.file).toBe(path);
    expect(error.line).toBe(line);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message.split('\n')).toHaveLength(1);
  });

  it('rejects an id that names two things', () => {
    const ambiguous = buildDatacenter(
      { id: 'amb', name: 'amb', hypervisor: 'bare', clusters: [{ id: 'x', racks: [{ id: 'x', hosts: [{ model: 'h', count: 1 }] }] }] },
      catalog,
      'amb.json',
    );
    expect(() => readFailureTrace(file('amb.csv', 'x,1,2\n'), ambiguous)).toThrow(/ambiguous: it names a rack and a cluster/);
  });

  it('fails on a missing file with the file named', () => {
    expect(errorOf(join(dir, 'missing.csv')).message).toMatch(/missing\.csv: cannot read file/);
  });
});
