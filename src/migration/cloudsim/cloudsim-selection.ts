import { multipleCorrelations } from '../selectors/mc.js';
import type { CloudsimView } from './cloudsim-view.js';

export type CloudsimSelection = 'mmt' | 'mu' | 'mc';

/**
 * The VM selection policies' getVmToMigrate over a host's list in CloudSim's order (the first VM
 * wins ties; VMs in migration are skipped): mmt (PowerVmSelectionPolicyMinimumMigrationTime, least
 * RAM), mu (PowerVmSelectionPolicyMinimumUtilization: getTotalUtilizationOfCpuMips / getMips, or
 * MHz with `muByFraction` off) and mc (PowerVmSelectionPolicyMaximumCorrelation, falling back to
 * mmt). -1 when no VM can move. `historyLength` is the rounds each VM history holds.
 */
export function selectVm(view: CloudsimView, list: readonly number[], selection: CloudsimSelection, muByFraction: boolean, historyLength: number): number {
  const candidates = list.filter((vm) => !view.vmMigrating[vm]);
  if (candidates.length === 0) return -1;
  if (selection === 'mc') {
    const chosen = maximumCorrelation(view, candidates, historyLength);
    if (chosen >= 0) return chosen;
  }
  let best = -1;
  let bestMetric = Number.MAX_VALUE;
  for (const vm of candidates) {
    const metric = selection === 'mu' ? view.vmRequestedMips[vm]! / (muByFraction ? view.vmMips[vm]! : 1) : view.vmRamMb[vm]!;
    if (metric < bestMetric) {
      bestMetric = metric;
      best = vm;
    }
  }
  return best;
}

/**
 * The largest R^2 of one VM's history regressed on the others'. -1 (fall back to mmt) when the
 * regression has fewer observations than VMs, where commons-math's OLS refuses the data.
 */
function maximumCorrelation(view: CloudsimView, candidates: number[], n: number): number {
  if (candidates.length === 1) return candidates[0]!;
  if (n < candidates.length) return -1;
  const series = candidates.map((vm) => {
    const out = new Float64Array(n);
    view.vmHistory(vm, out);
    return out;
  });
  const r2 = multipleCorrelations(series, n);
  let best = 0;
  for (let i = 1; i < candidates.length; i++) if (r2[i]! > r2[best]!) best = i;
  return candidates[best]!;
}
