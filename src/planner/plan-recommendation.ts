import { fmtInt, fmtUsd } from '../common/number-format.js';
import type { CapacityPlanResult, PlanGroup } from './plan-result.js';
import { requiredPasses } from './seeded-runs.js';

export const HEADROOM_METHOD =
  'Capacity difference: headroom = recommended hosts - the smallest count that meets the SLO with no failures. ' +
  'Hosts are identical, so the recommended size still meets the SLO with that many hosts down for the whole run ' +
  '(a run with k hosts down throughout is a run with k fewer hosts). The recommended count is the smallest count ' +
  'that meets the SLO (with the failure model or trace when one is given) plus --n-plus.';

type Inputs = CapacityPlanResult['inputs'];

/**
 * The plan's answer for the largest growth factor: among host models that met the SLO, the
 * cheapest recommended size (models without a cost after those with one), then fewer hosts,
 * then less energy, then the model id.
 */
export function recommend(groups: readonly PlanGroup[], inputs: Inputs): Pick<CapacityPlanResult, 'recommendation' | 'sentence'> {
  const growth = Math.max(...inputs.growth);
  const best = cheapest(groups, growth);
  const load = loadWords(growth, inputs);
  if (!best) {
    // The largest growth nothing met; say what the largest growth that was met needs.
    const met = [...inputs.growth].sort((a, b) => b - a).map((g) => cheapest(groups, g)).find((g) => g !== undefined);
    const fallback = met ? ` For ${loadWords(met.growth, inputs)}, use ${fmtInt(met.recommendedHosts!)} x ${met.hostModel}.` : '';
    return {
      recommendation: null,
      sentence: `No host model met the SLO "${inputs.slo}" in ${fmtInt(requiredPasses(inputs.confidence, inputs.seeds.length))} of ${fmtInt(inputs.seeds.length)} seeded runs for ${load} within ${fmtInt(inputs.maxHosts)} hosts.${fallback}`,
    };
  }
  const hosts = best.recommendedHosts!;
  const costUsd = best.costPerHostUsd === null ? null : best.costPerHostUsd * hosts;
  const row = best.rows.find((r) => r.hosts === hosts);
  const held = row ? `held in ${fmtInt(Math.round(row.passFraction * row.runs))} of ${fmtInt(row.runs)} seeded runs at that size` : `held from ${fmtInt(best.smallestPassing!)} hosts up`;
  const needed = `${fmtInt(requiredPasses(inputs.confidence, inputs.seeds.length))} required`;
  const headroom = headroomClause(best, inputs.failures !== null);
  const price = costUsd === null ? '' : `, about ${fmtUsd(costUsd)}`;
  return {
    recommendation: { hostModel: best.hostModel, growth, hosts, costUsd },
    sentence: `Use ${fmtInt(hosts)} x ${best.hostModel} for ${load}${price}: the SLO "${inputs.slo}" ${held} (${needed})${headroom}.`,
  };
}

function loadWords(growth: number, inputs: Inputs): string {
  return growth === 1 ? 'the workload as traced' : `${growth}x the workload (${inputs.growthMode === 'scale' ? 'demand scaled' : 'VMs replicated'})`;
}

/** At one growth, the cheapest recommended size (no cost last), then fewer hosts, less energy, model id. */
function cheapest(groups: readonly PlanGroup[], growth: number): PlanGroup | undefined {
  const feasible = groups.filter((g) => g.growth === growth && g.recommendedHosts !== null);
  const cost = (g: PlanGroup) => (g.costPerHostUsd === null ? Number.POSITIVE_INFINITY : g.costPerHostUsd * g.recommendedHosts!);
  const energy = (g: PlanGroup) => g.rows.find((r) => r.hosts === g.recommendedHosts)?.energyKWhMean ?? Number.POSITIVE_INFINITY;
  feasible.sort((a, b) => cost(a) - cost(b) || a.recommendedHosts! - b.recommendedHosts! || energy(a) - energy(b) || (a.hostModel < b.hostModel ? -1 : 1));
  return feasible[0];
}

function headroomClause(group: PlanGroup, withFailures: boolean): string {
  if (group.headroomHosts === null) return '';
  if (group.headroomHosts === 0) return withFailures ? '; the failures need no extra host (N+0)' : '';
  return `; ${fmtInt(group.failureFreeHosts!)} would do without failures, so N+${group.headroomHosts} headroom`;
}
