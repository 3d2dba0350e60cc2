import { sha256Hex } from '../common/checksum.js';
import type { HostRow, RunInputs, RunSummary, VmRow } from '../metrics/run-result.js';
import { fmt1, fmtInt, fmtPct1 } from '../common/number-format.js';
import { topologyNotesBlock } from './topology-notes.js';
import { escapeHtml } from './escape-html.js';
import { renderTable, type TableColumn } from './html-table.js';

/** Rows shown in each "top" table. */
export const TOP_ROWS = 15;

/**
 * Hosts that were overloaded or left demand unmet, worst first: by overloadedHours, then
 * unmetMHzHours (both descending), then host id.
 */
export function topOverloadedHosts(hosts: HostRow[], limit = TOP_ROWS): HostRow[] {
  return hosts
    .filter((h) => h.overloadedHours > 0 || h.unmetMHzHours > 0)
    .sort(
      (a, b) =>
        b.overloadedHours - a.overloadedHours ||
        b.unmetMHzHours - a.unmetMHzHours ||
        compareIds(a.hostId, b.hostId),
    )
    .slice(0, limit);
}

/** VMs with unmet demand, most first, then by VM id. */
export function topUnmetVms(vms: VmRow[], limit = TOP_ROWS): VmRow[] {
  return vms
    .filter((v) => v.unmetMHzHours > 0)
    .sort((a, b) => b.unmetMHzHours - a.unmetMHzHours || compareIds(a.vmId, b.vmId))
    .slice(0, limit);
}

const share = (part: number, whole: number): string => (whole > 0 ? fmtPct1(part / whole) : '-');

const HOST_COLUMNS: TableColumn<HostRow>[] = [
  { header: 'Host', text: (h) => h.hostId },
  { header: 'Model', text: (h) => h.model },
  { header: 'Cluster / rack', text: (h) => `${h.cluster} / ${h.rack}` },
  { header: 'VMs', align: 'right', text: (h) => fmtInt(h.vmsPlaced) },
  { header: 'Overloaded (h)', align: 'right', text: (h) => fmt1(h.overloadedHours) },
  { header: 'Unmet (MHz·h)', align: 'right', text: (h) => fmtInt(h.unmetMHzHours) },
  { header: 'Unmet share', align: 'right', text: (h) => share(h.unmetMHzHours, h.demandMHzHours) },
  { header: 'Util. mean', align: 'right', text: (h) => fmtPct1(h.utilizationMean) },
  { header: 'Util. peak', align: 'right', text: (h) => fmtPct1(h.utilizationPeak) },
];

const VM_COLUMNS: TableColumn<VmRow>[] = [
  { header: 'VM', text: (v) => v.vmId },
  { header: 'Host', text: (v) => (v.status === 'placed' ? v.hostId : `unplaced (${v.reason})`) },
  { header: 'Cores', align: 'right', text: (v) => fmtInt(v.cores) },
  { header: 'CPU (MHz)', align: 'right', text: (v) => fmtInt(v.cpuCapacityMhz) },
  { header: 'Demand (MHz·h)', align: 'right', text: (v) => fmtInt(v.demandMHzHours) },
  { header: 'Unmet (MHz·h)', align: 'right', text: (v) => fmtInt(v.unmetMHzHours) },
  { header: 'Unmet share', align: 'right', text: (v) => share(v.unmetMHzHours, v.demandMHzHours) },
];

export function overloadedHostsTable(hosts: HostRow[]): string {
  return renderTable(HOST_COLUMNS, topOverloadedHosts(hosts), {
    className: 'top-hosts',
    empty: 'No host was overloaded or left demand unmet.',
  });
}

export function unmetVmsTable(vms: VmRow[]): string {
  return renderTable(VM_COLUMNS, topUnmetVms(vms), {
    className: 'top-vms',
    empty: 'Every VM got all the CPU it asked for.',
  });
}

/** Counts by code (warnings, unplaced reasons) as a two-column table, codes in sorted order. */
export function countsTable(counts: Record<string, number>, codeHeader: string, empty: string): string {
  const rows = Object.keys(counts)
    .sort()
    .map((code) => ({ code, count: counts[code]! }));
  return renderTable(
    [
      { header: codeHeader, text: (r: { code: string }) => r.code },
      { header: 'Count', align: 'right', text: (r: { count: number }) => fmtInt(r.count) },
    ],
    rows,
    { className: 'counts', empty },
  );
}

export function inputsSection(inputs: RunInputs, summary: RunSummary): string {
  const rows: [string, string][] = [
    ['Scenario', inputs.scenarioName],
    ['Trace', inputs.trace.path],
    ['Format', inputs.trace.format],
    ['Trace size', `${fmtInt(inputs.trace.vms)} VMs, ${fmtInt(inputs.trace.samples)} samples`],
    ['Topology', inputs.topology],
    ['Placement', inputs.placement],
    ['CPU sharing', inputs.sharing],
    ['Model', inputs.model],
    ['Seed', String(inputs.seed)],
    ['Simulated', `${fmt1(summary.simulatedSeconds / 3600)} h`],
    ['rackplan', inputs.rackplanVersion],
  ];
  let out = '<dl class="inputs">';
  for (const [name, value] of rows) out += `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`;
  out += '</dl>';
  return out + topologyNotesBlock(inputs.topologyNotes) + filesTable(inputs.files);
}

/** More input files than this are listed in a collapsed block (PlanetLab days have 1,052). */
export const FILES_SHOWN_OPEN = 20;

/**
 * The input files with their sha256. A long list is collapsed behind a summary giving the
 * count, the total size and one checksum of them all (sha256 over the files' role, path and
 * sha256 lines), so the page stays short and the inputs can still be compared at a glance.
 */
export function filesTable(files: RunInputs['files']): string {
  const table = plainFilesTable(files);
  if (files.length <= FILES_SHOWN_OPEN) return table;
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const all = sha256Hex(files.map((f) => `${f.role} ${f.path} ${f.sha256}\n`).join(''));
  return (
    `<details class="files"><summary data-files="${files.length}">${escapeHtml(`${fmtInt(files.length)} input files, ${fmtInt(bytes)} bytes; sha256 of the list ${all}`)}</summary>` +
    `${table}</details>`
  );
}

function plainFilesTable(files: RunInputs['files']): string {
  return renderTable(
    [
      { header: 'Role', text: (f) => f.role },
      { header: 'File', text: (f) => f.path },
      { header: 'Bytes', align: 'right', text: (f) => fmtInt(f.bytes) },
      { header: 'sha256', text: (f) => f.sha256 },
    ],
    files,
    { className: 'files', empty: 'No input files recorded.' },
  );
}

/** Code-point order, independent of locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
