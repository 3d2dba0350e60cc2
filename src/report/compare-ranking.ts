import type { CompareScenario } from '../compare/compare-result.js';
import { fmt1, fmtInt, fmtPct2, fmtSci } from '../common/number-format.js';
import { escapeHtml } from './escape-html.js';
import { renderTable, type TableColumn } from './html-table.js';

/** The SLA a scenario must meet to be "best": at most this share of CPU demand unmet. */
export const SLA_MAX_UNMET_FRACTION = 0.001;

export interface RankedScenario {
  scenario: CompareScenario;
  rank: number;
  withinSla: boolean;
}

/**
 * Scenarios ranked for a reader choosing a policy: those within the SLA first, then by energy,
 * servers needed and id; the first within the SLA is the best. Pure.
 */
export function rankScenarios(scenarios: readonly CompareScenario[]): RankedScenario[] {
  const within = (s: CompareScenario) => s.unmetFraction <= SLA_MAX_UNMET_FRACTION;
  return [...scenarios]
    .sort((a, b) => Number(within(b)) - Number(within(a)) || a.energyKWh - b.energyKWh || a.serversNeeded - b.serversNeeded || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((scenario, i) => ({ scenario, rank: i + 1, withinSla: within(scenario) }));
}

/** "Best within SLA: <label>, ..." or a sentence saying none met it. */
export function bestWithinSla(scenarios: readonly CompareScenario[]): string {
  const best = rankScenarios(scenarios)[0];
  if (!best || !best.withinSla) return `Best within SLA (unmet <= ${fmtPct2(SLA_MAX_UNMET_FRACTION)}): none of the scenarios met it.`;
  const s = best.scenario;
  return `Best within SLA (unmet <= ${fmtPct2(SLA_MAX_UNMET_FRACTION)}): ${s.label} - ${fmtInt(s.serversNeeded)} servers, ${fmt1(s.energyKWh)} kWh, unmet ${fmtPct2(s.unmetFraction)}.`;
}

/** The ranked table for a comparison with a policy axis; the best row is marked. */
export function rankedTable(scenarios: readonly CompareScenario[]): string {
  const columns: TableColumn<RankedScenario>[] = [
    { header: '#', align: 'right', text: (r) => String(r.rank) },
    { header: 'Scenario', text: (r) => r.scenario.label.replaceAll('-', '\u2011'), attrs: (r) => ({ 'data-scenario': r.scenario.id }) },
    { header: 'Policy', text: (r) => r.scenario.policy },
    { header: 'Within SLA', text: (r) => (r.withinSla ? (r.rank === 1 ? 'yes - best' : 'yes') : 'no') },
    { header: 'Servers needed', align: 'right', text: (r) => fmtInt(r.scenario.serversNeeded) },
    { header: 'Energy (kWh)', align: 'right', text: (r) => fmt1(r.scenario.energyKWh) },
    { header: 'Unmet share', align: 'right', text: (r) => fmtPct2(r.scenario.unmetFraction) },
    { header: 'Migrations', align: 'right', text: (r) => fmtInt(r.scenario.migrations) },
    { header: 'SLAV', align: 'right', text: (r) => fmtSci(r.scenario.slav) },
  ];
  return `<p class="note" data-best>${escapeHtml(bestWithinSla(scenarios))}</p>${renderTable(columns, rankScenarios(scenarios), { className: 'ranked' })}`;
}
