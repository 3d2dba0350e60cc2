import type { CompareBlastRadius, CompareResult, CompareRollout, CompareScenario } from '../compare/compare-result.js';
import { fmt1, fmt2, fmtInt, formatNumber } from '../common/number-format.js';
import { escapeHtml } from './escape-html.js';
import { renderTable } from './html-table.js';
import { formatDuration } from './time-axis.js';

const fmtPct3 = formatNumber('.3%');

/** Availability in words: never a bare 100% for a share that is not exactly 1, never a number when undefined. */
export function availabilityText(availability: number | null): string {
  if (availability === null) return 'n/a (no workload ran)';
  if (availability >= 1) return '100%';
  const text = fmtPct3(availability);
  return text === '100.000%' ? '> 99.999%' : text;
}

type WithBlast = CompareScenario & { blastRadius: CompareBlastRadius };

/** Below this many failures that hit workloads, a scenario's availability rests on too few events to rank it. */
export const FEW_FAILURE_EVENTS = 5;

/** A warning naming the scenarios whose availability rests on few failures, or null. */
export function fewEventsCaution(scenarios: WithBlast[]): string | null {
  const few = scenarios.filter((s) => s.blastRadius.failuresWithWorkloads < FEW_FAILURE_EVENTS);
  if (few.length === 0) return null;
  const list = few.map((s) => `${s.id} ${s.blastRadius.failuresWithWorkloads}`).join(', ');
  return (
    `few failures hit hosts with workloads (${list}): a failure of a host that is off stops nothing, so these availability figures rest on ` +
    `fewer than ${FEW_FAILURE_EVENTS} events each; simulate longer or use a harsher failure model before ranking them.`
  );
}
type WithRollout = CompareScenario & { rollout: CompareRollout };

/** Terminal lines for the blast radius and rollout figures (none when the spec had neither). */
export function operationsLines(compare: CompareResult): string[] {
  const width = Math.max(...compare.scenarios.map((s) => s.id.length));
  const lines: string[] = [];
  const blast = compare.scenarios.filter((s): s is WithBlast => s.blastRadius !== undefined);
  if (blast.length > 0) {
    const f = compare.inputs.failures;
    lines.push(`blast radius: the same host failures for every scenario; restart = ${f ? `${fmtInt(f.detectionSeconds)} s detection + ` : ''}the scenario's own restart time`);
    for (const s of blast) {
      const b = s.blastRadius;
      lines.push(
        `  ${s.id.padEnd(width)}  restart ${formatDuration(b.restartSeconds).padStart(6)}  ${String(b.failuresWithWorkloads).padStart(4)} of ${String(b.hostFailures).padEnd(4)} failures hit workloads  ` +
          `${(b.workloadsPerFailure === null ? '-' : fmt1(b.workloadsPerFailure)).padStart(5)} per failure  ${String(b.vmRestarts).padStart(5)} restarts  ` +
          `availability ${availabilityText(b.availability).padStart(9)}  lost ${fmt1(b.lostMHzHours)} MHz-h (${fmtPct3(b.lostFraction)} of demand)`,
      );
    }
    const caution = fewEventsCaution(blast);
    if (caution) lines.push(`  WARNING: ${caution}`);
  }
  const rolled = compare.scenarios.filter((s): s is WithRollout => s.rollout !== undefined);
  if (rolled.length > 0) {
    lines.push('rollout: the same schedule for every scenario; new instances boot for the scenario\'s guest boot time (physical: patched in place)');
    for (const s of rolled) {
      const r = s.rollout;
      lines.push(
        `  ${s.id.padEnd(width)}  ${r.mode.padEnd(9)}  ${String(r.peakSurgeHosts).padStart(3)} surge hosts  ${String(r.replacedInPlace).padStart(4)} in place  ` +
          `${s.energyKWh.toFixed(1).padStart(9)} kWh  lost ${fmt1(r.lostMHzHours)} MHz-h`,
      );
    }
  }
  return lines;
}

/** The compare report's "Blast radius" and "Rollouts" sections (empty when the spec had neither). */
export function operationsSections(compare: CompareResult): string {
  const parts: string[] = [];
  const blast = compare.scenarios.filter((s): s is WithBlast => s.blastRadius !== undefined);
  if (blast.length > 0) {
    const note =
      'Every scenario ran under the same failure model. A failed host\'s workloads restart elsewhere after the detection time plus the ' +
      "scenario's own restart time: its guest model's boot time, or for dedicated servers the physical reprovisioning assumption. " +
      'Consolidated hosts carry more workloads each, so one failure hits more of them; each comes back faster.';
    const caution = fewEventsCaution(blast);
    const warn = caution ? `<p class="warn" data-warning="few-failures">${escapeHtml(`Warning: ${caution}`)}</p>` : '';
    parts.push(`<h2>Blast radius<small>under host failures</small></h2><section class="card"><p class="note">${escapeHtml(note)}</p>${warn}${blastTable(blast)}</section>`);
  }
  const rolled = compare.scenarios.filter((s): s is WithRollout => s.rollout !== undefined);
  if (rolled.length > 0) {
    const note =
      'Every scenario ran under the same rollout schedule. Immutable: a new instance boots (the guest model\'s boot time) beside the old one, ' +
      'so hosts may be switched on for it (surge) and energy rises; in place: each instance is down for its patch, so demand is lost. ' +
      'Dedicated servers have no spare to boot a new instance on, so physical is patched in place.';
    parts.push(`<h2>Rollouts</h2><section class="card"><p class="note">${escapeHtml(note)}</p>${rolloutTable(rolled)}</section>`);
  }
  return parts.join('\n');
}

function blastTable(scenarios: WithBlast[]): string {
  return renderTable(
    [
      { header: 'Scenario', text: (s: WithBlast) => s.label, attrs: (s: WithBlast) => ({ 'data-scenario': s.id }) },
      { header: 'Restart', align: 'right', text: (s: WithBlast) => formatDuration(s.blastRadius.restartSeconds) },
      { header: 'From', text: (s: WithBlast) => s.blastRadius.restartSource },
      { header: 'Host failures', align: 'right', text: (s: WithBlast) => fmtInt(s.blastRadius.hostFailures) },
      { header: 'Hit workloads', align: 'right', text: (s: WithBlast) => fmtInt(s.blastRadius.failuresWithWorkloads) },
      {
        header: 'Per failure',
        align: 'right',
        text: (s: WithBlast) => (s.blastRadius.workloadsPerFailure === null ? 'n/a' : fmt1(s.blastRadius.workloadsPerFailure)),
      },
      { header: 'Restarts', align: 'right', text: (s: WithBlast) => fmtInt(s.blastRadius.vmRestarts) },
      { header: 'Given up', align: 'right', text: (s: WithBlast) => fmtInt(s.blastRadius.vmsFailed) },
      { header: 'Downtime (h)', align: 'right', text: (s: WithBlast) => fmt2(s.blastRadius.vmDowntimeHours) },
      {
        header: 'Availability',
        align: 'right',
        text: (s: WithBlast) => availabilityText(s.blastRadius.availability),
        attrs: (s: WithBlast) => ({ 'data-scenario': s.id, 'data-metric': 'availability' }),
      },
      { header: 'Lost (MHz·h)', align: 'right', text: (s: WithBlast) => fmt1(s.blastRadius.lostMHzHours) },
      { header: 'Lost share', align: 'right', text: (s: WithBlast) => fmtPct3(s.blastRadius.lostFraction) },
    ],
    scenarios,
  );
}

function rolloutTable(scenarios: WithRollout[]): string {
  return renderTable(
    [
      { header: 'Scenario', text: (s: WithRollout) => s.label, attrs: (s: WithRollout) => ({ 'data-scenario': s.id }) },
      { header: 'Mode', text: (s: WithRollout) => s.rollout.mode },
      // A patch in place boots nothing new: its boot time would be a number that means nothing.
      { header: 'Boot (s)', align: 'right', text: (s: WithRollout) => (s.rollout.mode === 'in-place' ? 'n/a' : fmt1(s.rollout.bootSeconds)) },
      { header: 'Replaced', align: 'right', text: (s: WithRollout) => fmtInt(s.rollout.replaced) },
      { header: 'In place (no room)', align: 'right', text: (s: WithRollout) => fmtInt(s.rollout.replacedInPlace) },
      { header: 'Peak surge hosts', align: 'right', text: (s: WithRollout) => fmtInt(s.rollout.peakSurgeHosts) },
      { header: 'Energy (kWh)', align: 'right', text: (s: WithRollout) => fmt1(s.energyKWh) },
      { header: 'Lost (MHz·h)', align: 'right', text: (s: WithRollout) => fmt1(s.rollout.lostMHzHours) },
    ],
    scenarios,
  );
}
