import type { DeferrableSummary, RunInputs, RunSummary } from '../metrics/run-result.js';
import { fmt1, fmtInt, fmtSci } from '../common/number-format.js';
import { escapeHtml } from './escape-html.js';
import { carbonClause, facilityWarnings } from './facility-verdict.js';
import { demandShare, UNMET_NOISE_FRACTION, unmetCausePhrases } from './unmet-causes.js';

/**
 * A run's answer in words: one sentence a capacity planner can act on, then a warning for
 * every reason not to trust it at a glance. The terminal prints it after every replay and the
 * report shows it at the top, from the same summary, so the two never disagree.
 */
export interface RunVerdict {
  answer: string;
  /** Empty when nothing needs a second look; `--strict` turns any of these into exit code 3. */
  warnings: string[];
  /** Assumptions the answer rests on, stated beside it (not warnings: --strict ignores them). */
  notes?: string[];
}

export function runVerdict(summary: RunSummary, inputs?: Pick<RunInputs, 'assumptions'>): RunVerdict {
  const { hosts, vms, cpu } = summary;
  const deferrable = summary.deferrable;
  const answer =
    `${fmtInt(hosts.activePeak)} of ${fmtInt(hosts.total)} hosts on at peak carried ${fmtInt(vms.placed)} of ${fmtInt(vms.total)} VMs; ` +
    `${demandShare(cpu.unmetFraction)} of CPU demand unmet; ${fmt1(summary.energyKWh)} kWh.` +
    carbonClause(summary) +
    (deferrable ? ` ${deferrableSentence(deferrable)}` : '');
  const warnings: string[] = [];
  if (deferrable) warnings.push(...deferrableWarnings(deferrable));
  if (vms.unplaced > 0) warnings.push(unplacedWarning(summary));
  if (cpu.unmetFraction > UNMET_NOISE_FRACTION) warnings.push(unmetWarning(summary));
  if (summary.availability === null) warnings.push('availability is undefined: no VM ever ran, so there is no running time to measure it against.');
  warnings.push(...facilityWarnings(summary));
  if (summary.vmsFailed > 0) warnings.push(`${fmtInt(summary.vmsFailed)} VMs were given up after exceeding the restart limit.`);
  warnings.push(...rolloutUpgradeWarnings(summary));
  const quirks = Object.entries(summary.warnings).filter(([, count]) => count > 0);
  if (quirks.length > 0) {
    const list = quirks.map(([code, count]) => `${code} x${fmtInt(count)}`).join(', ');
    warnings.push(`the trace had quirks that were handled, not errors (docs/trace-formats.md): ${list}.`);
  }
  const notes = inputs?.assumptions ?? [];
  return { answer, warnings, ...(notes.length > 0 ? { notes: [...notes] } : {}) };
}

/** A rollout or upgrade that did not do all it was asked to is not the cost of doing it. */
function rolloutUpgradeWarnings(summary: RunSummary): string[] {
  const warnings: string[] = [];
  const r = summary.rollout;
  if (r && r.replacedInPlace > 0) warnings.push(`${fmtInt(r.replacedInPlace)} rollout replacements found no host with room and booted in place (down for the boot): the immutable rollout needed more spare capacity than the fleet had.`);
  if (r && r.skipped > 0) warnings.push(`${fmtInt(r.skipped)} instances were not replaced by the rollout (down, migrating or gone at their turn).`);
  if (r && r.rolloutsCompleted < r.rollouts) warnings.push(`${fmtInt(r.rollouts - r.rolloutsCompleted)} rollouts were still running at the end of the run: their cost here is partial.`);
  if (r && r.rollouts === 0) warnings.push('the rollout schedule starts after the end of the run: no rollout happened, so its cost here is 0.');
  const u = summary.upgrade;
  if (u && u.hostsUpgraded < summary.hosts.total) warnings.push(`only ${fmtInt(u.hostsUpgraded)} of ${fmtInt(summary.hosts.total)} hosts were upgraded by the end of the run: the upgrade's cost here is partial.`);
  return warnings;
}

function unplacedWarning(summary: RunSummary): string {
  const reasons = Object.entries(summary.unplacedReasons)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([reason, count]) => `${fmtInt(count)} ${reason}`)
    .join(', ');
  return `${fmtInt(summary.vms.unplaced)} of ${fmtInt(summary.vms.total)} VMs were never placed (${reasons}); all their demand counts as unmet.`;
}

function unmetWarning(summary: RunSummary): string {
  const { cpu } = summary;
  const parts = cpu.unmetCauses ? unmetCausePhrases(cpu.unmetCauses, cpu.demandMHzHours) : [];
  const causes = parts.length > 0 ? `: ${parts.join(', ')}` : '';
  return `${demandShare(cpu.unmetFraction)} of CPU demand went unmet (${fmtInt(cpu.unmetMHzHours)} MHz·h)${causes}.`;
}

/** "x% of deferrable demand served late, p95 delay y min, z MHz·h still pending at end". */
function deferrableSentence(d: DeferrableSummary): string {
  const p95 = d.delaySeconds ? `p95 delay ${fmt1(d.delaySeconds.p95 / 60)} min` : 'no delay to measure';
  return `Deferrable work: ${demandShare(d.servedLateFraction)} of deferrable demand served late, ${p95}, ${fmt1(d.pendingMHzHours)} MHz·h still pending at end.`;
}

function deferrableWarnings(d: DeferrableSummary): string[] {
  const warnings: string[] = [];
  if (d.pendingMHzHours > UNMET_NOISE_FRACTION * d.demandMHzHours) {
    warnings.push(
      `${fmt1(d.pendingMHzHours)} MHz·h of deferrable work (${demandShare(d.pendingMHzHours / d.demandMHzHours)} of its demand) was still waiting when the run ended: ` +
        'it counts as unmet here, and the delays above leave out work not yet served.',
    );
  }
  if (d.conservationError > 1e-9) warnings.push(`deferrable work does not add up: demand differs from served now + late + pending + dropped by ${fmtSci(d.conservationError)} of it.`);
  return warnings;
}

/** The verdict as the first block of a report page. */
export function renderVerdict(verdict: RunVerdict): string {
  const warn = verdict.warnings.length > 0;
  const items = verdict.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  const notes = (verdict.notes ?? []).map((n) => `<p class="note" data-assumption>${escapeHtml(n)}</p>`).join('');
  return (
    `<section class="verdict${warn ? ' warn' : ''}" data-verdict><p class="answer">${escapeHtml(verdict.answer)}</p>` +
    notes +
    (warn ? `<ul class="warnings">${items}</ul>` : '') +
    '</section>'
  );
}
