import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunInputs } from '../../src/metrics/run-result.js';
import { summarizeRun } from '../../src/metrics/summarize-run.js';
import type { Datacenter } from '../../src/model/datacenter.js';
import { TextSink } from '../../src/simulation/event-log.js';
import type { RunRecord } from '../../src/simulation/run-record.js';
import { simulate, type SimulationSettings } from '../../src/simulation/simulate.js';
import type { Workload } from '../../src/traces/workload.js';

export const GOLDEN_DIR = join(import.meta.dirname, 'golden');

export interface GoldenScenario {
  /** File name under golden/ without extension. */
  name: string;
  workload: Workload;
  dc: Datacenter;
  settings: SimulationSettings;
}

/** Figures every golden file ends with: the ones a reader checks against the log by hand. */
function summaryLines(record: RunRecord): string[] {
  const s = summarizeRun(record, {} as RunInputs).summary;
  const m = record.meter;
  const num = (x: number) => String(Number(x.toPrecision(9)));
  const c = s.cpu.unmetCauses;
  const abandoned = record.migrationLog.filter((r) => !r.completed).length;
  return [
    `demand-mhz-s ${num(m.demandInt / 1000)}`,
    `served-mhz-s ${num(m.servedInt / 1000)}`,
    `unmet-mhz-s ${num((m.demandInt - m.servedInt) / 1000)}`,
    `energy-j ${num(m.powerInt / 1000)}`,
    `vms placed ${s.vms.placed} unplaced ${s.vms.unplaced}`,
    `migrations completed ${s.migrations} abandoned ${abandoned}`,
    `host-shutdowns ${m.hostShutdowns} host-failures ${m.hostFailures} vm-restarts ${m.vmRestarts}`,
    `pdm ${num(s.sla.pdm)} slatah ${num(s.sla.slatah)}`,
    `unmet-by-cause-mhz-s unplaced ${num(c.unplacedMHzHours * 3600)} above-size ${num(c.aboveSizeMHzHours * 3600)} contention ${num(c.contentionMHzHours * 3600)} migration ${num(c.migrationMHzHours * 3600)} waiting ${num(c.waitingMHzHours * 3600)} host-down ${num(c.hostDownMHzHours * 3600)}`,
    `availability ${s.availability === null ? 'undefined' : num(s.availability)}`,
    // Only in runs with the feature, so the other transcripts keep their bytes.
    ...(s.upgrade
      ? [
          `upgrade mode ${s.upgrade.mode} hosts ${s.upgrade.hostsUpgraded} host-out-s ${num(s.upgrade.hostHoursOut * 3600)} migrations ${s.upgrade.migrations} copied-mib ${num(s.upgrade.migratedGiB * 1024)} lost-mhz-s ${s.upgrade.lostMHzHours === null ? 'n/a' : num(s.upgrade.lostMHzHours * 3600)}`,
        ]
      : []),
    ...(s.rollout
      ? [
          `rollout mode ${s.rollout.mode} waves ${s.rollout.waves} replaced ${s.rollout.replaced} in-place ${s.rollout.replacedInPlace} skipped ${s.rollout.skipped} peak-surge-hosts ${s.rollout.peakSurgeHosts} down-s ${num(s.rollout.instanceDownHours * 3600)} lost-mhz-s ${num(s.rollout.lostMHzHours * 3600)}`,
        ]
      : []),
    ...(c.rolloutMHzHours !== undefined || c.upgradeTransitionMHzHours !== undefined
      ? [`unmet-deliberate-mhz-s rollout ${num((c.rolloutMHzHours ?? 0) * 3600)} upgrade-transition ${num((c.upgradeTransitionMHzHours ?? 0) * 3600)}`]
      : []),
    ...deferrableLines(record, num),
  ];
}

/** Deferrable work's figures, only for runs with deferrable VMs (the other transcripts stay as they were). */
function deferrableLines(record: RunRecord, num: (x: number) => string): string[] {
  const d = summarizeRun(record, {} as RunInputs).summary.deferrable;
  if (!d || !record.backlog) return [];
  const s = (mhzHours: number) => num(mhzHours * 3600);
  const delay = d.delaySeconds;
  return [
    `deferrable-mhz-s demand ${s(d.demandMHzHours)} served-now ${s(d.servedNowMHzHours)} served-late ${s(d.servedLateMHzHours)} pending ${s(d.pendingMHzHours)} dropped ${s(d.droppedMHzHours)}`,
    `deferrable-delay-s ${delay ? `p50 ${num(delay.p50)} p95 ${num(delay.p95)} max ${num(delay.max)}` : 'none'}`,
    `backlog-mean-mhz-s ${Array.from(record.backlog.pendingMean, (x) => num(x / 1000)).join(' ')}`,
  ];
}

/** The transcript of a run: its event log, then its summary figures. */
export function transcript(scenario: GoldenScenario): { text: string; record: RunRecord } {
  const sink = new TextSink();
  const record = simulate(scenario.workload, scenario.dc, { ...scenario.settings, events: sink });
  return { text: `${sink.text}--- summary\n${summaryLines(record).join('\n')}\n`, record };
}

/** The expected transcript: the golden file without its leading '#' comment lines. */
export function expectedTranscript(name: string): string {
  return readGolden(name)
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .join('\n');
}

function readGolden(name: string): string {
  return readFileSync(join(GOLDEN_DIR, `${name}.txt`), 'utf8');
}

/** Rewrites a golden file's transcript, keeping its comment header (run with GOLDEN_UPDATE=1, then check by hand). */
export function updateGolden(name: string, text: string): void {
  const header = readGolden(name)
    .split('\n')
    .filter((line) => line.startsWith('#'))
    .join('\n');
  writeFileSync(join(GOLDEN_DIR, `${name}.txt`), `${header}\n${text}`);
}
