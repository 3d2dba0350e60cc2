import { join } from 'node:path';
import { comparePlugins } from '../compare/compare-plugins.js';
import { Command, InvalidArgumentError } from 'commander';
import { writeFileAtomic } from '../common/atomic-write.js';
import { InputError } from '../common/input-error.js';
import { checkOutputFolder, replaceFolder } from '../common/whole-folder.js';
import { stableStringify } from '../common/stable-json.js';
import { loadComparePlan, type ComparePlan } from '../compare/compare-plan.js';
import type { CompareResult } from '../compare/compare-result.js';
import { loadCompareTrace, runCompare } from '../compare/run-compare.js';
import { loadCatalog } from '../model/catalog.js';
import { renderCompareReport } from '../report/compare-report.js';
import { cacheDirOption, printCacheWarning } from './cache-dir.js';
import { unmetCausePhrases } from '../report/unmet-causes.js';
import { bestWithinSla } from '../report/compare-ranking.js';
import { againstFixed } from '../report/compare-scaling.js';
import { operationsLines } from '../report/compare-operations.js';
import { clearProgress, progressReporter } from './progress.js';
import { compareVerdict } from '../report/compare-verdict.js';
import { printVerdict } from './print-verdict.js';
import { topologyNotesText } from './topology-notes-text.js';

export const COMPARE_FILES = { json: 'compare.json', report: 'compare.html' } as const;

export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('Replay one workload as physical servers, VMs, elastic VMs and containers; writes compare.json and compare.html')
    .option('--spec <file>', 'compare spec JSON (models/scenarios/compare-*.json); flags override it')
    .option('--trace <path>', 'trace file or folder')
    .option('--format <id>', 'trace format (detected when absent)')
    .option('--scenarios <ids>', 'comma-separated scenario ids (default: every scenario of the spec, or physical,virtual,elastic,containers)')
    .option('--host-model <id>', 'host model of the consolidated pools (default: dell-poweredge-r740)')
    .option('--topology <file>', 'topology JSON, rackplan\'s or OpenDC\'s: its host models join the catalog and the pools run on its first one')
    .option('--placement <name>', 'placement policy of the consolidated pools')
    .option('--policies <names>', 'consolidation policies, one variant of each consolidated scenario per policy: none or <detector>-<selection>-<safety>, e.g. none,thr-mmt-0.8,lr-mmt-1.2')
    .option('--physical-model <id>', 'server model of the physical baseline (default: the pools\' host model; smallest-fit: the smallest catalog model each workload fits)')
    .option('--servers-share <fraction>', 'servers needed = the most hosts on for at least this share of the time (default 0.99)', parseShare)
    .option('--energy-price <usd>', 'energy price per kWh of facility energy (default 0.12)', parseNonNegativeNumber)
    .option('--pue <ratio>', 'power usage effectiveness, facility / IT energy (default 1.58)', parsePue)
    .option('--carbon <intensity>', 'carbon-intensity CSV (timestamp,gco2_per_kwh) or built-in name (illustrative-grid): carbon next to energy')
    .option('--scaling <rules>', 'services under each scaling rule, one more scenario per rule: fixed,horizontal,vertical (docs/compare.md)')
    .option('--services <file>', 'service mapping CSV "vm_id,service" for --scaling (default: the spec\'s services.mapping, else every VM its own service)')
    .option('--failures <file>', 'failure model (JSON) or failure trace (.csv) every scenario runs under; restart times come from each scenario\'s guest model')
    .option('--cache-dir <dir>', 'parsed-trace cache ("none" to disable)')
    .option('--json', 'print compare.json to stdout')
    .option('--strict', 'exit with code 3 when the verdict has warnings (unplaced VMs, unmet demand, SLA not met, ...)')
    .requiredOption('--out <dir>', 'output folder')
    .action(async (flags: CompareFlags) => {
      if (!flags.spec && !flags.trace) throw new InputError('compare needs --spec <file> or --trace <path>');
      checkOutputFolder(flags.out, Object.values(COMPARE_FILES), process.cwd());
      const plan = loadComparePlan(flags.spec ?? null, {
        ...(flags.trace ? { trace: flags.trace } : {}),
        ...(flags.format ? { format: flags.format } : {}),
        ...(flags.hostModel ? { hostModel: flags.hostModel } : {}),
        ...(flags.topology ? { topology: flags.topology } : {}),
        ...(flags.scenarios !== undefined ? { scenarios: parseList(flags.scenarios) } : {}),
        ...(flags.placement ? { placement: flags.placement } : {}),
        ...(flags.policies !== undefined ? { policies: parseList(flags.policies) } : {}),
        ...(flags.physicalModel ? { physicalModel: flags.physicalModel } : {}),
        ...(flags.serversShare !== undefined ? { serversShare: flags.serversShare } : {}),
        ...(flags.energyPrice !== undefined ? { energyPriceUsdPerKWh: flags.energyPrice } : {}),
        ...(flags.pue !== undefined ? { pue: flags.pue } : {}),
        ...(flags.carbon !== undefined ? { carbon: flags.carbon } : {}),
        ...(flags.scaling !== undefined ? { scaling: parseList(flags.scaling) } : {}),
        ...(flags.services ? { services: flags.services } : {}),
        ...(flags.failures !== undefined ? { failures: flags.failures } : {}),
      }, loadCatalog(), '.', await comparePlugins(flags.spec ?? null));
      process.stderr.write(topologyNotesText(plan.topologyNotes));
      const compare = await compareToFolder(plan, flags.out, cacheDirOption(flags.cacheDir), true);
      if (flags.json) process.stdout.write(stableStringify(compare));
      else process.stderr.write([compareBasis(compare), ...compareLines(compare), ...bestLine(compare), ...scalingLines(compare), ...operationsLines(compare), ''].join('\n'));
      printVerdict(`compare ${plan.spec.name}`, compareVerdict(compare), join(flags.out, COMPARE_FILES.report), flags.strict === true);
    });
}

/**
 * Runs a comparison and writes compare.json and compare.html into `out`, swapped in as one
 * folder (all old or all new after a kill); bad input leaves no files.
 */
export async function compareToFolder(plan: ComparePlan, out: string, cacheDir: string | null, progress = false): Promise<CompareResult> {
  const catalog = plan.catalog;
  const workload = await loadCompareTrace(plan, cacheDir, printCacheWarning);
  const reporters = new Map(plan.variants.map((v) => [v.id, progress ? progressReporter(`compare ${v.id}`) : undefined]));
  const compare = runCompare(plan, workload, catalog, { onProgress: (id, fraction) => reporters.get(id)?.(fraction) });
  if (progress) clearProgress();
  const json = stableStringify(compare);
  const html = renderCompareReport(compare);
  await replaceFolder(out, Object.values(COMPARE_FILES), (dir) => {
    writeFileAtomic(join(dir, COMPARE_FILES.json), json);
    writeFileAtomic(join(dir, COMPARE_FILES.report), html);
  }, process.cwd());
  return compare;
}

/** With a policy axis, the scenario to pick: the best within the SLA. */
function bestLine(compare: CompareResult): string[] {
  return compare.scenarios.some((s) => s.policy !== 'none') ? [bestWithinSla(compare.scenarios)] : [];
}

/** What "servers" and the energy cost mean in the lines below. */
export function compareBasis(compare: CompareResult): string {
  const i = compare.inputs;
  return (
    `servers: the most hosts on for at least ${(i.serversShare * 100).toFixed(1)}% of the time (peak after the slash); ` +
    `energy cost: kWh x PUE ${i.pue} x $${i.energyPriceUsdPerKWh}/kWh` +
    (i.carbon ? `; carbon: kWh x PUE ${i.pue} x ${i.carbon.intensity} (mean ${i.carbon.gco2PerKWhMean.toFixed(0)} gCO2/kWh), interval by interval` : '')
  );
}

/** One line per scenario: servers, energy, unmet demand; migrations and SLAV when any scenario consolidates. */
export function compareLines(compare: CompareResult): string[] {
  const width = Math.max(...compare.scenarios.map((s) => s.id.length));
  const consolidating = compare.scenarios.some((s) => s.policy !== 'none');
  return compare.scenarios.map(
    (s) =>
      `  ${s.id.padEnd(width)}  ${String(s.serversNeeded).padStart(5)}/${String(s.serversPeak).padEnd(5)} servers  ${s.energyKWh.toFixed(1).padStart(9)} kWh  $${s.energyCostUsd.toFixed(0).padStart(7)}  ` +
      (s.carbonKg !== undefined ? `${s.carbonKg.toFixed(1).padStart(8)} kg CO2  ` : '') +
      `unmet ${(s.unmetFraction * 100).toFixed(3)}% (${s.unmetMHzHours.toFixed(0)} MHz-h${unmetBy(s)})` +
      (consolidating ? `  ${String(s.migrations).padStart(6)} migrations  SLAV ${s.slav.toExponential(2)}` : '') +
      scalingColumns(s),
  );
}

/** With a scaling axis: what each rule saved or cost against fixed VMs, spanning, and the caveats, in words. */
export function scalingLines(compare: CompareResult): string[] {
  const scaled = compare.scenarios.filter((s): s is Parameters<typeof againstFixed>[0] => s.scaling !== undefined);
  const fixed = scaled.find((s) => s.scaling.rule === 'fixed');
  const against = fixed ? scaled.filter((s) => s !== fixed).map((s) => `  ${againstFixed(s, fixed)}`) : [];
  const notes = [...new Set(scaled.flatMap((s) => s.scaling.notes))].map((note) => `  note: ${note}`);
  return [...against, ...notes];
}

/** Scaling scenarios: instance boots and the demand lost while they booted; spanning when estimated. */
function scalingColumns(s: CompareResult['scenarios'][number]): string {
  const c = s.scaling;
  if (!c) return '';
  const span = c.spanning
    ? `  spanning ${c.spanning.spanningInstanceHours.toFixed(1)} of ${c.spanning.instanceHours.toFixed(1)} instance-hours, ${c.spanning.recoveredMHzHours.toFixed(0)} of ${c.spanning.contentionMHzHours.toFixed(0)} MHz-h short recovered (efficiency ${c.spanning.efficiency}, assumed)`
    : '';
  return `  ${c.vms} VMs, ${c.instanceBoots} boots, ${c.lostWhileBootingMHzHours.toFixed(1)} MHz-h lost while booting${span}`;
}

/** `: 1.7% above the vm size, ...` when any demand went unmet. */
function unmetBy(s: CompareResult['scenarios'][number]): string {
  const phrases = s.unmetCauses ? unmetCausePhrases(s.unmetCauses, s.demandMHzHours, true) : [];
  return phrases.length > 0 ? `: ${phrases.join(', ')}` : '';
}

function parseShare(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0.5 && n <= 1)) throw new InvalidArgumentError('expected a fraction from 0.5 to 1');
  return n;
}

function parseNonNegativeNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number >= 0');
  return n;
}

function parsePue(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 1 && n <= 5)) throw new InvalidArgumentError('expected a ratio from 1 to 5');
  return n;
}

function parseList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

interface CompareFlags {
  spec?: string;
  trace?: string;
  format?: string;
  scenarios?: string;
  hostModel?: string;
  topology?: string;
  placement?: string;
  policies?: string;
  physicalModel?: string;
  serversShare?: number;
  energyPrice?: number;
  pue?: number;
  carbon?: string;
  scaling?: string;
  services?: string;
  failures?: string;
  cacheDir?: string;
  json?: boolean;
  strict?: boolean;
  out: string;
}
