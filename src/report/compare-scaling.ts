import type { CompareScenario } from '../compare/compare-result.js';
import { fmt1, fmtInt, fmtPct1 } from '../common/number-format.js';
import { escapeHtml } from './escape-html.js';
import { renderTable, type TableColumn } from './html-table.js';
import { demandShare } from './unmet-causes.js';

type Scaled = CompareScenario & { scaling: NonNullable<CompareScenario['scaling']> };

/**
 * The scaling axis (docs/compare.md, "Services and scaling rules"): each rule's servers, energy,
 * unmet demand, instance boots and demand lost while booting side by side, what each saved or
 * cost against fixed VMs, the spanning estimate, and the caveats in words. '' without the axis.
 */
export function scalingSection(scenarios: CompareScenario[]): string {
  const scaled = scenarios.filter((s): s is Scaled => s.scaling !== undefined);
  if (scaled.length === 0) return '';
  const fixed = scaled.find((s) => s.scaling.rule === 'fixed');
  const against = fixed ? scaled.filter((s) => s !== fixed).map((s) => `<li data-scaling="${escapeHtml(s.id)}">${escapeHtml(againstFixed(s, fixed))}</li>`) : [];
  const spanning = scaled.filter((s) => s.scaling.spanning).map((s) => `<p data-spanning="${escapeHtml(s.id)}">${escapeHtml(spanningSentence(s))}</p>`);
  const notes = [...new Set(scaled.flatMap((s) => s.scaling.notes))].map((n) => `<li>${escapeHtml(n)}</li>`);
  return (
    `<h2>Services and scaling rules</h2><section class="card">${scalingTable(scaled)}` +
    (against.length > 0 ? `<ul class="savings">${against.join('')}</ul>` : '') +
    spanning.join('') +
    `<ul class="note">${notes.join('')}</ul></section>`
  );
}

function scalingTable(scaled: Scaled[]): string {
  const cell = (header: string, metric: string, text: (s: Scaled) => string): TableColumn<Scaled> => ({
    header,
    align: 'right',
    text,
    attrs: (s) => ({ 'data-scenario': s.id, 'data-metric': metric }),
  });
  const columns: TableColumn<Scaled>[] = [
    { header: 'Rule', text: (s) => s.label, attrs: (s) => ({ 'data-scenario': s.id }) },
    cell('Services', 'services', (s) => fmtInt(s.scaling.services)),
    cell('VMs or instances', 'vms', (s) => fmtInt(s.scaling.vms)),
    cell('Servers needed', 'serversNeeded', (s) => fmtInt(s.serversNeeded)),
    cell('Energy (kWh)', 'energyKWh', (s) => fmt1(s.energyKWh)),
    cell('Unmet share', 'unmetFraction', (s) => demandShare(s.unmetFraction)),
    cell('Migrations', 'migrations', (s) => fmtInt(s.migrations)),
    cell('Instance boots', 'instanceBoots', (s) => fmtInt(s.scaling.instanceBoots)),
    cell('Lost while booting (MHz·h)', 'lostWhileBootingMHzHours', (s) => fmt1(s.scaling.lostWhileBootingMHzHours)),
  ];
  return renderTable(columns, scaled, { className: 'figures' });
}

/** `Services, scale out: 5 fewer servers (1 against 6), 27.7 kWh less energy, unmet 1.17% against 0%.` */
export function againstFixed(s: Scaled, fixed: Scaled): string {
  const servers = fixed.serversNeeded - s.serversNeeded;
  const energy = fixed.energyKWh - s.energyKWh;
  const serverWords = servers === 0 ? 'the same servers' : `${Math.abs(servers)} ${servers > 0 ? 'fewer' : 'more'} servers`;
  const energyWords = `${fmt1(Math.abs(energy))} kWh ${energy >= 0 ? 'less' : 'more'} energy`;
  return (
    `${s.label}: ${serverWords} (${s.serversNeeded} against ${fixed.serversNeeded}), ${energyWords}, ` +
    `unmet demand ${demandShare(s.unmetFraction)} against ${demandShare(fixed.unmetFraction)}.`
  );
}

function spanningSentence(s: Scaled): string {
  const e = s.scaling.spanning!;
  if (e.contentionMHzHours === 0) {
    return `${s.label}: no host was ever short of CPU for its instances (${fmt1(e.instanceHours)} instance-hours), so spanning would recover nothing here.`;
  }
  if (e.spanningInstanceHours === 0) {
    return (
      `${s.label}: hosts were short of ${fmtInt(e.contentionMHzHours)} MHz·h for their instances, but no other active host of their rack ` +
      'had spare CPU at those times (idle hosts are off), so spanning would recover nothing here.'
    );
  }
  return (
    `${s.label}: instances spanned their rack for ${fmt1(e.spanningInstanceHours)} of ${fmt1(e.instanceHours)} instance-hours ` +
    `(${fmtPct1(e.spanningInstanceHours / e.instanceHours)}), using ${fmtInt(e.remoteMHzHours)} MHz·h of remote CPU ` +
    `(at most ${fmtPct1(e.peakRemoteShare)} of a host's served CPU) and recovering ${fmtInt(e.recoveredMHzHours)} of the ` +
    `${fmtInt(e.contentionMHzHours)} MHz·h their hosts were short, at an assumed efficiency of ${e.efficiency}.`
  );
}
