import { fmt1, fmtInt, fmtUsd } from '../common/number-format.js';
import type { CapacityPlanResult, PlanGroup, PlanRankBy } from './plan-result.js';
import { rackBindingWords, rackClause } from './rack-limits.js';
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
  const best = cheapest(groups, growth, inputs.rankBy);
  const load = loadWords(growth, inputs);
  const blocked = best ? undefined : groups.find((g) => g.growth === growth && g.racks && !g.racks.fits && (g.smallestPassing !== null || g.racks.hostsPerRack === 0));
  if (blocked && inputs.racks) {
    // The servers would do; the racks would not. Say which limit binds, not just "no answer".
    const available = inputs.racks.racks;
    const where = available === null ? 'the racks' : `${fmtInt(available)} ${available === 1 ? 'rack' : 'racks'}`;
    const smallest = blocked.smallestPassing === null ? null : blocked.smallestPassing + inputs.nPlus;
    return { recommendation: null, sentence: `No size fits ${where} for ${load}: ${rackBindingWords(blocked.racks!, inputs.racks, blocked.hostModel, smallest)}` };
  }
  if (!best) {
    // The largest growth nothing met; say what the largest growth that was met needs.
    const met = [...inputs.growth].sort((a, b) => b - a).map((g) => cheapest(groups, g, inputs.rankBy)).find((g) => g !== undefined);
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
  const carbonKg = row?.carbonKgMean;
  const carbon = carbonKg === undefined ? '' : ` and ${fmt1(carbonKg)} kg CO2 per run`;
  const racks = best.racks ? { racks: Math.ceil(hosts / best.racks.hostsPerRack) } : {};
  return {
    recommendation: { hostModel: best.hostModel, growth, hosts, costUsd, ...racks, ...(carbonKg !== undefined ? { carbonKg } : {}) },
    sentence:
      `Use ${fmtInt(hosts)} x ${best.hostModel} for ${load}${price}${carbon}: the SLO "${inputs.slo}" ${held} (${needed})${headroom}.` +
      rackClause(best.racks, inputs.racks ?? null, best.hostModel, hosts),
  };
}

function loadWords(growth: number, inputs: Inputs): string {
  return growth === 1 ? 'the workload as traced' : `${growth}x the workload (${inputs.growthMode === 'scale' ? 'demand scaled' : 'VMs replicated'})`;
}

/**
 * At one growth, the cheapest recommended size (no cost last), then fewer hosts, less energy,
 * model id; ranked by carbon, the least carbon at the recommended size comes first.
 */
function cheapest(groups: readonly PlanGroup[], growth: number, rankBy: PlanRankBy = 'cost'): PlanGroup | undefined {
  const feasible = groups.filter((g) => g.growth === growth && g.recommendedHosts !== null);
  const cost = (g: PlanGroup) => (g.costPerHostUsd === null ? Number.POSITIVE_INFINITY : g.costPerHostUsd * g.recommendedHosts!);
  const at = (g: PlanGroup) => g.rows.find((r) => r.hosts === g.recommendedHosts);
  const energy = (g: PlanGroup) => at(g)?.energyKWhMean ?? Number.POSITIVE_INFINITY;
  const carbon = (g: PlanGroup) => (rankBy === 'carbon' ? (at(g)?.carbonKgMean ?? Number.POSITIVE_INFINITY) : 0);
  feasible.sort((a, b) => carbon(a) - carbon(b) || cost(a) - cost(b) || a.recommendedHosts! - b.recommendedHosts! || energy(a) - energy(b) || (a.hostModel < b.hostModel ? -1 : 1));
  return feasible[0];
}

function headroomClause(group: PlanGroup, withFailures: boolean): string {
  if (group.headroomHosts === null) return '';
  if (group.headroomHosts === 0) return withFailures ? '; the failures need no extra host (N+0)' : '';
  return `; ${fmtInt(group.failureFreeHosts!)} would do without failures, so N+${group.headroomHosts} headroom`;
}
