import type { FilterPlugin } from './plugins.js';

// Budgets are whole watts; a sum of peaks that lands on one exactly must not be refused for rounding.
const EPSILON_W = 1e-6;

/**
 * A host that is already on always passes (it is within the budget already); a host that is
 * off passes only when switching it on keeps its rack's powered-on peak within the budget.
 * Without rack budgets in the view it passes everything (and is not added at all).
 */
export const rackPowerFilter: FilterPlugin = {
  name: 'rack-power',
  reason: 'rack-power-budget',
  // Listed last: a host it refuses had room for the VM, so the budget is why the VM is unplaced.
  decisive: true,
  passes: (view, host) => {
    const racks = view.racks;
    if (!racks || view.poweredOn[host]) return true;
    const rack = racks.rackOf[host]!;
    return racks.onPeakW[rack]! + racks.hostPeakW[host]! <= racks.budgetW[rack]! + EPSILON_W;
  },
};
