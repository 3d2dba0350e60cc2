import { readFileSync } from 'node:fs';
import { InputError } from '../common/input-error.js';
import type { Workload } from '../traces/workload.js';

/**
 * Which service each VM of a workload belongs to. A service is a group of VMs that serve one
 * purpose (the web tier, a cache): its demand is the sum of its members' demand, and a scaling
 * rule (scaling-rule.ts) decides how many instances of what size run it.
 */
export interface ServiceMapping {
  /** Service names, in the order of their first member VM. */
  readonly ids: readonly string[];
  /** Service index of each VM of the workload. */
  readonly serviceOf: Int32Array;
  /** VMs the mapping file does not list: each is a service of its own, named by its VM id. */
  readonly unlistedVms: number;
  /** The mapping file, or null when every VM is its own service. */
  readonly file: string | null;
}

/** Without a mapping every VM is its own service (named by its VM id). */
export function ownServices(workload: Workload): ServiceMapping {
  return { ids: [...workload.vmIds], serviceOf: Int32Array.from({ length: workload.vmCount }, (_, vm) => vm), unlistedVms: workload.vmCount, file: null };
}

const HEADER = 'vm_id,service';
/** Service names appear in tables, ids and file names: letters, digits, `.`, `_`, `-`. */
const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** One line of a mapping file. */
export interface MappingRow {
  vmId: string;
  service: string;
  line: number;
}

/**
 * Reads a mapping CSV: a header `vm_id,service`, then one `vm id,service name` per line (blank
 * lines and lines starting with `#` are skipped). A line without exactly two fields, a bad
 * service name or a VM listed twice fails with the file and line. Needs no trace, so `validate`
 * checks a mapping's shape; parseServiceMapping checks its VM ids against a workload.
 */
export function readMappingRows(text: string, file: string): MappingRow[] {
  const rows: MappingRow[] = [];
  const firstLine = new Map<string, number>();
  let sawHeader = false;
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.replace(/\r$/, '').trim();
      const where = { file, line: i + 1 };
      if (line === '' || line.startsWith('#')) return;
      if (!sawHeader) {
        if (line.replaceAll(' ', '') !== HEADER) throw new InputError(`expected the header "${HEADER}", found "${line}"`, { ...where, field: 'header' });
        sawHeader = true;
        return;
      }
      const fields = line.split(',').map((f) => f.trim());
      if (fields.length !== 2) throw new InputError(`expected 2 fields (vm_id,service), found ${fields.length}`, where);
      const [vmId, service] = fields as [string, string];
      if (vmId === '') throw new InputError('empty VM id', { ...where, field: 'vm_id' });
      if (!SERVICE_NAME.test(service)) throw new InputError(`bad service name "${service}": use letters, digits, ".", "_" or "-"`, { ...where, field: 'service' });
      const first = firstLine.get(vmId);
      if (first !== undefined) throw new InputError(`VM "${vmId}" is listed twice (first on line ${first})`, { ...where, field: 'vm_id' });
      firstLine.set(vmId, i + 1);
      rows.push({ vmId, service, line: i + 1 });
    });
  if (!sawHeader) throw new InputError(`empty mapping: expected the header "${HEADER}"`, { file, line: 1 });
  return rows;
}

/** A mapping file against a workload: a VM id the workload does not have fails with its line. */
export function parseServiceMapping(text: string, file: string, workload: Workload): ServiceMapping {
  const index = new Map<string, number>();
  workload.vmIds.forEach((id, vm) => index.set(id, vm));
  const serviceName = new Array<string | null>(workload.vmCount).fill(null);
  for (const row of readMappingRows(text, file)) {
    const vm = index.get(row.vmId);
    if (vm === undefined) throw new InputError(`unknown VM id "${row.vmId}" (not in the trace)`, { file, line: row.line, field: 'vm_id' });
    serviceName[vm] = row.service;
  }
  return groupByName(serviceName, workload, file);
}

function groupByName(serviceName: (string | null)[], workload: Workload, file: string): ServiceMapping {
  const mapped = new Set(serviceName.filter((s): s is string => s !== null));
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  const serviceOf = new Int32Array(workload.vmCount);
  let unlisted = 0;
  for (let vm = 0; vm < workload.vmCount; vm++) {
    let name = serviceName[vm];
    if (name === null) {
      name = workload.vmIds[vm]!;
      unlisted++;
      if (mapped.has(name)) throw new InputError(`VM "${name}" is not listed, and its id is also a service name; list it`, { file, field: 'vm_id' });
    }
    let s = indexOf.get(name);
    if (s === undefined) {
      s = ids.length;
      ids.push(name);
      indexOf.set(name, s);
    }
    serviceOf[vm] = s;
  }
  return { ids, serviceOf, unlistedVms: unlisted, file };
}

/** A mapping file's text; an unreadable file fails naming `where` (the spec field or flag that named it). */
export function readMappingFile(path: string, where: { file?: string; field: string }): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InputError(`cannot read the service mapping ${path} (${code})`, where);
  }
}
