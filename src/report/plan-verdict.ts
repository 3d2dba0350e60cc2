import { fmtInt, fmtPct2 } from '../common/number-format.js';
import type { CapacityPlanResult, PlanCountRow, PlanGroup, PlanResult, PlanRunRecord } from '../planner/plan-result.js';
import { escapeHtml } from './escape-html.js';
import type { RunVerdict } from './run-verdict.js';
import { demandShare, UNMET_NOISE_FRACTION } from './unmet-causes.js';

/**
 * A plan's answer in words: its recommendation sentence, then a warning for every host model
 * and growth where the SLO was not met (with the nearest miss), for VMs left unplaced or demand
 * left unmet at the recommended size (and how much of it no number of hosts serves, being
 * above the VMs' own size). For a portfolio: no acceptable candidate. The terminal and
 * plan.html show the same.
 */
export function planVerdict(plan: PlanResult): RunVerdict {
  const warnings: string[] = [];
  if (plan.kind === 'portfolio') {
    const chosen = plan.recommendation;
    if (chosen === null) warnings.push(`no candidate kept the risk of missing the SLO "${plan.inputs.slo}" within ${fmtPct2(plan.inputs.maxRisk)}.`);
    else warnings.push(...recordWarnings(plan.runs.filter((r) => r.candidate === chosen), chosen));
    return { answer: plan.sentence, warnings };
  }
  for (const group of plan.groups) {
    const where = `${group.hostModel}, growth ${group.growth}`;
    if (group.recommendedHosts === null) {
      warnings.push(`${where}: the SLO "${plan.inputs.slo}" was not met within ${fmtInt(plan.inputs.maxHosts)} hosts${nearestMissText(group.rows)}.`);
      continue;
    }
    const runs = recommendedRuns(plan, group);
    warnings.push(...recordWarnings(runs, `${where}, ${fmtInt(group.recommendedHosts)} hosts`));
  }
  return { answer: plan.sentence, warnings };
}

/** Whether the plan ran one seed because nothing in its scenario is random (and how many were asked for). */
export function seedsCollapsedNote(plan: CapacityPlanResult): string | null {
  const asked = plan.inputs.seedsRequested;
  if (asked === undefined) return null;
  return (
    `1 seeded run per host count, not the ${fmtInt(asked)} asked for: nothing in this scenario draws a random number ` +
    '(no failures, no random VM selection, no replicated growth), so every seed would give the same run.'
  );
}

/** `5 seeds`, or `1 seed (10 asked for; nothing in the scenario is random)` when the seeds collapsed. */
export function seedsText(plan: CapacityPlanResult): string {
  const { seeds, seedsRequested } = plan.inputs;
  if (seedsRequested !== undefined) return `${fmtInt(seeds.length)} seed (${fmtInt(seedsRequested)} asked for; nothing in the scenario is random)`;
  return `${fmtInt(seeds.length)} seeds`;
}

/** The collapsed-seeds note as a paragraph of the plan page; empty when every seed ran. */
export function seedsNote(plan: CapacityPlanResult): string {
  const note = seedsCollapsedNote(plan);
  return note ? `<p class="note" data-seeds-collapsed>${escapeHtml(note)}</p>` : '';
}

function recommendedRuns(plan: CapacityPlanResult, group: PlanGroup): PlanRunRecord[] {
  return plan.runs.filter((r) => r.candidate === group.hostModel && r.growth === group.growth && r.hosts === group.recommendedHosts);
}

/** Unplaced VMs and unmet demand over a set of runs (their worst run), as warnings about `where`. */
function recordWarnings(runs: readonly PlanRunRecord[], where: string): string[] {
  const out: string[] = [];
  const worst = (path: string) => Math.max(0, ...runs.map((r) => r.metrics[path] ?? 0));
  const unplaced = worst('vms.unplaced');
  if (unplaced > 0) out.push(`${where}: up to ${fmtInt(unplaced)} of ${fmtInt(worst('vms.total'))} VMs were never placed; all their demand counts as unmet.`);
  const unmet = worst('cpu.unmetFraction');
  if (unmet > UNMET_NOISE_FRACTION) {
    const demand = worst('cpu.demandMHzHours');
    const above = demand > 0 ? worst('cpu.unmetCauses.aboveSizeMHzHours') / demand : 0;
    const aboveText = above > UNMET_NOISE_FRACTION ? `, ${demandShare(above)} of it above the VMs' own size (no number of hosts serves it)` : '';
    out.push(`${where}: up to ${demandShare(unmet)} of CPU demand went unmet${aboveText}.`);
  }
  return out;
}

/** `; nearest miss N hosts (SLO held in a of b runs, unmet x%)`: most runs passing, then least unmet. */
function nearestMissText(rows: readonly PlanCountRow[]): string {
  let best: PlanCountRow | null = null;
  for (const row of rows) {
    if (!best || row.passFraction > best.passFraction || (row.passFraction === best.passFraction && row.unmetFractionMean < best.unmetFractionMean)) best = row;
  }
  if (!best) return '';
  return `; nearest miss ${fmtInt(best.hosts)} hosts (SLO held in ${fmtInt(Math.round(best.passFraction * best.runs))} of ${fmtInt(best.runs)} runs, unmet ${fmtPct2(best.unmetFractionMean)})`;
}
