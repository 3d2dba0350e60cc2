import type { UnmetCauses } from '../metrics/run-result.js';
import { fmtInt, fmtPct1, fmtPct2 } from '../common/number-format.js';
import { renderTable } from './html-table.js';

/** Unmet demand below this share of demand is floating-point noise, not a finding. */
export const UNMET_NOISE_FRACTION = 1e-9;

/** Each cause of unmet demand: its key, a short label for tables, and words for sentences. */
export const UNMET_CAUSES: readonly { key: keyof UnmetCauses; label: string; words: string }[] = [
  { key: 'unplacedMHzHours', label: 'VMs never placed', words: 'by VMs never placed' },
  { key: 'aboveSizeMHzHours', label: 'Above the VM size', words: "above the VMs' own size (no number of hosts serves it)" },
  { key: 'contentionMHzHours', label: 'Contention', words: 'to contention on shared hosts' },
  { key: 'migrationMHzHours', label: 'Live migration', words: 'to live migration' },
  { key: 'waitingMHzHours', label: 'Waiting for a restart', words: 'waiting for a restart' },
  { key: 'hostDownMHzHours', label: 'Host down', words: 'while their host was down' },
  { key: 'pendingMHzHours', label: 'Deferred, still pending', words: 'deferred and still pending at the end' },
  { key: 'lostWhileBootingMHzHours', label: 'Lost while booting', words: 'while new instances were booting (scale-out)' },
  { key: 'rolloutMHzHours', label: 'Rollout', words: 'while instances were patched or booted in place by a rollout' },
  { key: 'upgradeTransitionMHzHours', label: 'Upgrade transition', words: 'in standby-hypervisor upgrade transitions' },
];

/** A share of demand; never "0.0%" for a share that is not zero. */
export function demandShare(fraction: number): string {
  if (fraction <= UNMET_NOISE_FRACTION) return '0%';
  if (fraction < 0.0001) return '< 0.01%';
  return fraction < 0.01 ? fmtPct2(fraction) : fmtPct1(fraction);
}

/** The causes that matter, as `share words` phrases, largest first in display order. */
export function unmetCausePhrases(causes: UnmetCauses, demandMHzHours: number, short = false): string[] {
  return UNMET_CAUSES.filter(({ key }) => (causes[key] ?? 0) > UNMET_NOISE_FRACTION * demandMHzHours).map(
    ({ key, label, words }) => `${demandShare((causes[key] ?? 0) / demandMHzHours)} ${short ? label.toLowerCase() : words}`,
  );
}

/** Unmet demand by cause: MHz-hours and share of all demand, one row per cause. */
export function unmetCausesTable(causes: UnmetCauses, demandMHzHours: number): string {
  // Optional causes (lost while booting) get a row only in runs that have them.
  const rows = UNMET_CAUSES.filter(({ key }) => causes[key] !== undefined).map(({ key, label }) => ({ key, label, value: causes[key] ?? 0 }));
  return renderTable(
    [
      { header: 'Cause', text: (r) => r.label, attrs: (r) => ({ 'data-cause': r.key }) },
      { header: 'MHz·h', align: 'right', text: (r) => fmtInt(r.value) },
      { header: 'Share of demand', align: 'right', text: (r) => (demandMHzHours > 0 ? demandShare(r.value / demandMHzHours) : 'n/a') },
    ],
    rows,
    { className: 'counts' },
  );
}
