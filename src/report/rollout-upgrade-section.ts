import type { RolloutSummary, RunResult, UpgradeSummary } from '../metrics/run-result.js';
import { fmt1, fmt2, fmtInt } from '../common/number-format.js';
import { escapeHtml } from './escape-html.js';
import { renderTable } from './html-table.js';

interface Row {
  label: string;
  value: string;
}

/**
 * The run report's "Rollouts and upgrades" section: what a rollout schedule or a hypervisor
 * upgrade cost in this run (surge hosts, instances down, demand lost, copies, host time out).
 * Empty for a run that had neither.
 */
export function rolloutUpgradeSection(result: RunResult): string {
  const { rollout, upgrade } = result.summary;
  if (!rollout && !upgrade) return '';
  const parts = ['<h2>Rollouts and upgrades</h2>'];
  if (rollout) parts.push(card(rolloutSentence(rollout), rolloutRows(rollout), 'rollout'));
  if (upgrade) parts.push(card(upgradeSentence(upgrade), upgradeRows(upgrade), 'upgrade'));
  return parts.join('\n');
}

function card(sentence: string, rows: Row[], name: string): string {
  const table = renderTable(
    [
      { header: 'Figure', text: (r: Row) => r.label },
      { header: 'Value', align: 'right', text: (r: Row) => r.value },
    ],
    rows,
    { className: 'counts' },
  );
  return `<section class="card" data-section="${name}"><p class="note">${escapeHtml(sentence)}</p>${table}</section>`;
}

/** One sentence a reader can repeat: what the rollout did and what it cost. */
export function rolloutSentence(r: RolloutSummary): string {
  const how =
    r.mode === 'immutable'
      ? `immutable: new instances booted for ${fmt1(r.bootSeconds)} s and overlapped the old ones for ${fmt1(r.overlapSeconds)} s`
      : `in-place patching: each instance down for ${fmt1(r.patchSeconds)} s`;
  const inPlace = r.replacedInPlace > 0 ? `; ${fmtInt(r.replacedInPlace)} had no room for a new instance and booted in place` : '';
  const skipped = r.skipped > 0 ? `; ${fmtInt(r.skipped)} were skipped (down, migrating or gone at their turn)` : '';
  return (
    `${fmtInt(r.rollouts)} ${r.rollouts === 1 ? 'rollout' : 'rollouts'} (${how}, ${fmtInt(r.waveSize)} at a time) replaced ${fmtInt(r.replaced)} instances${inPlace}${skipped}; ` +
    `at most ${fmtInt(r.peakSurgeHosts)} ${r.peakSurgeHosts === 1 ? 'host was' : 'hosts were'} switched on for one wave, and ${fmt1(r.lostMHzHours)} MHz·h of demand was lost while instances were down.`
  );
}

function rolloutRows(r: RolloutSummary): Row[] {
  return [
    { label: 'Mode', value: r.mode },
    { label: 'Rollouts / waves', value: `${fmtInt(r.rollouts)} / ${fmtInt(r.waves)}` },
    { label: 'Instances replaced', value: fmtInt(r.replaced) },
    { label: 'Replaced in place (no room)', value: fmtInt(r.replacedInPlace) },
    { label: 'Skipped', value: fmtInt(r.skipped) },
    { label: 'Peak surge hosts', value: fmtInt(r.peakSurgeHosts) },
    { label: 'Instance time down, h', value: fmt2(r.instanceDownHours) },
    { label: 'Demand lost, MHz·h', value: fmt1(r.lostMHzHours) },
  ];
}

export function upgradeSentence(u: UpgradeSummary): string {
  const lost = u.lostMHzHours === null ? 'its loss cannot be told apart from dynamic consolidation migrations' : `${fmt1(u.lostMHzHours)} MHz·h of demand was lost to it`;
  if (u.mode === 'standby') {
    return (
      `${fmtInt(u.hostsUpgraded)} hosts upgraded by hand-over to a standby hypervisor (${fmt1(u.transitionSeconds ?? 0)} s each, VMs at ` +
      `${fmtInt(Math.round((u.transitionCpuFraction ?? 0) * 100))}% CPU meanwhile): nothing copied, ${fmt2(u.hostHoursOut)} host-hours out; ${lost}.`
    );
  }
  return (
    `${fmtInt(u.hostsUpgraded)} hosts upgraded by live-migration drain: ${fmtInt(u.migrations)} migrations copied ${fmt1(u.migratedGiB)} GiB, ` +
    `${fmt2(u.hostHoursOut)} host-hours out (closed to placement until upgraded); ${lost} (migration degradation; crowding on the remaining hosts counts as contention).`
  );
}

function upgradeRows(u: UpgradeSummary): Row[] {
  return [
    { label: 'Mode', value: u.mode },
    { label: 'Hosts upgraded', value: fmtInt(u.hostsUpgraded) },
    { label: 'Host time out, h', value: fmt2(u.hostHoursOut) },
    { label: 'Migrations', value: fmtInt(u.migrations) },
    { label: 'Copied, GiB', value: fmt1(u.migratedGiB) },
    { label: 'Demand lost to it, MHz·h', value: u.lostMHzHours === null ? 'n/a (consolidation also migrated)' : fmt1(u.lostMHzHours) },
  ];
}
