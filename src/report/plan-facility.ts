import { fmt1, fmtInt } from '../common/number-format.js';
import type { CapacityPlanResult, PlanCountRow, PlanGroup, PortfolioCandidate } from '../planner/plan-result.js';
import type { TableColumn } from './html-table.js';

/**
 * The plan page's facility columns and inputs (docs/facility.md): racks per host model when the
 * plan has rack limits, carbon where the scenario gives an intensity. Each is empty otherwise,
 * so plans without them render as before.
 */
export function rackColumns(plan: CapacityPlanResult): TableColumn<PlanGroup>[] {
  if (!plan.inputs.racks) return [];
  return [
    {
      header: 'Racks',
      align: 'right',
      text: (g) => {
        const r = g.racks;
        if (!r) return 'n/a';
        if (r.hostsPerRack === 0) return 'none: a host is over the budget';
        const needed = r.racksNeeded === null ? 'n/a' : fmtInt(r.racksNeeded);
        return `${needed}${r.racksAvailable === null ? '' : ` of ${fmtInt(r.racksAvailable)}`} (${fmtInt(r.hostsPerRack)} per rack, ${r.limit === 'power' ? 'power' : 'slots'} binding)`;
      },
      attrs: (g) => ({ 'data-racks': String(g.racks?.racksNeeded ?? '') }),
      hint: 'racks the recommended size needs: hosts per rack = min(slots, budget / peak power of one host)',
    },
  ];
}

export function carbonCountColumns<Row extends PlanCountRow>(rows: readonly Row[]): TableColumn<Row>[] {
  if (!rows.some((r) => r.carbonKgMean !== undefined)) return [];
  return [{ header: 'Carbon, mean (kg CO2)', align: 'right', text: (r) => (r.carbonKgMean === undefined ? 'n/a' : fmt1(r.carbonKgMean)) }];
}

export function carbonCandidateColumns(candidates: readonly PortfolioCandidate[]): TableColumn<PortfolioCandidate>[] {
  if (!candidates.some((c) => c.carbonKgMean !== undefined)) return [];
  return [{ header: 'Carbon/run (kg CO2)', align: 'right', text: (c) => (c.carbonKgMean === undefined ? 'n/a' : fmt1(c.carbonKgMean)) }];
}

export function facilityInputs(plan: CapacityPlanResult): [string, string][] {
  const racks = plan.inputs.racks;
  const rows: [string, string][] = [];
  if (racks) {
    const budget = racks.powerBudgetW === null ? 'no power budget' : `${fmtInt(racks.powerBudgetW)} W per rack`;
    const slots = racks.slots === null ? 'no slot limit' : `${fmtInt(racks.slots)} slots`;
    rows.push(['Racks', `${budget}, ${slots}, ${racks.racks === null ? 'as many racks as needed' : `${fmtInt(racks.racks)} available`}`]);
  }
  if (plan.inputs.rankBy) rows.push(['Ranked by', plan.inputs.rankBy]);
  return rows;
}
