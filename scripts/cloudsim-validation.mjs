#!/usr/bin/env node
// Usage: npm run build && node scripts/cloudsim-validation.mjs [--switches] [--trace <day folder>]
// Every number of docs/validation.md: each of the nine PlanetLab policies in rackplan's own model
// (models/scenarios/planetlab-<policy>.json) and in the CloudSim 3.0.3 compatibility mode
// (models/scenarios/cloudsim/planetlab-<policy>.json), beside CloudSim's own figures from
// ../shared/validation (only the rows it has). --switches also runs the compatibility mode with
// each behaviour switch turned off, one at a time, on the policies it matters for.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCatalog, loadDatacenter, loadScenario, loadScenarioTrace, runOnDatacenter } from '../dist/index.js';

const POLICIES = ['npa', 'dvfs', 'thr-mmt-0.8', 'iqr-mmt-1.5', 'mad-mmt-2.5', 'lr-mmt-1.2', 'lrr-mmt-1.2', 'lr-mc-1.2', 'lr-mu-1.2'];
/** Each switch with the policies where turning it off can change something. */
const SWITCHES = {
  vanishingVms: ['dvfs', 'thr-mmt-0.8', 'lr-mmt-1.2'],
  overloadDestinations: ['thr-mmt-0.8', 'lr-mmt-1.2'],
  underloadPass: ['thr-mmt-0.8', 'lr-mmt-1.2'],
  unweightedRegression: ['lr-mmt-1.2', 'lrr-mmt-1.2'],
  migrationAccounting: ['thr-mmt-0.8', 'lr-mmt-1.2'],
  initialPlacement: ['dvfs', 'thr-mmt-0.8', 'lr-mmt-1.2'],
  muByFraction: ['lr-mu-1.2'],
  nearestRankIqr: ['iqr-mmt-1.5'],
  coreCap: ['dvfs', 'thr-mmt-0.8', 'lr-mmt-1.2'],
  trapezoidEnergy: ['dvfs', 'thr-mmt-0.8', 'lr-mmt-1.2'],
  destinationSlatah: ['thr-mmt-0.8', 'lr-mmt-1.2'],
  pooledPdm: ['thr-mmt-0.8', 'lr-mmt-1.2'],
};

const args = process.argv.slice(2);
const traceAt = args.indexOf('--trace');
const root = resolve(import.meta.dirname, '..');
const day = traceAt >= 0 ? resolve(args[traceAt + 1]) : resolve(root, '..', 'shared', 'traces', 'planetlab', '20110303');
if (!existsSync(day)) {
  console.error(`${day} is absent: the PlanetLab trace is needed (see ../shared/traces/README.md)`);
  process.exit(2);
}
const referenceFile = resolve(root, '..', 'shared', 'validation', 'cloudsim-3.0.3-planetlab-20110303.json');
const reference = existsSync(referenceFile) ? JSON.parse(readFileSync(referenceFile, 'utf8')).runs : [];
const catalog = loadCatalog();
let workload = null;

async function run(file, cloudsim) {
  const scenario = loadScenario(join(root, 'models', 'scenarios', file), { trace: day });
  if (cloudsim) scenario.spec.cloudsim = { ...scenario.spec.cloudsim, ...cloudsim };
  workload ??= await loadScenarioTrace(scenario, join(root, '.cache', 'traces'));
  const s = runOnDatacenter(scenario, workload, loadDatacenter(scenario, catalog), catalog).summary;
  return { energy: s.energyKWh, migrations: s.migrations, shutdowns: s.hostShutdowns, slatah: s.sla.slatah * 100, pdm: s.sla.pdm * 100 };
}

const kwh = (x) => x.toFixed(2);
const int = (x) => x.toLocaleString('en-US');
const pct = (a, b) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)}%`;
const fig = (r) => `${kwh(r.energy)} kWh, ${int(r.migrations)} migr., ${int(r.shutdowns)} shutdowns`;
const slaOf = (r) => `SLATAH ${r.slatah.toFixed(2)}%, PDM ${r.pdm.toFixed(2)}%`;

console.log('| policy | rackplan default | rackplan compat | CloudSim 3.0.3 | compat vs CloudSim |');
console.log('|---|---|---|---|---|');
const compat = {};
const own = {};
for (const policy of POLICIES) {
  own[policy] = await run(`planetlab-${policy}.json`);
  const mine = await run(`cloudsim/planetlab-${policy}.json`);
  compat[policy] = mine;
  const ref = reference.find((r) => r.policy === policy);
  const theirs = ref ? `${kwh(ref.energyKWh)} kWh, ${int(ref.migrations)} migr.${ref.hostShutdowns !== undefined ? `, ${int(ref.hostShutdowns)} shutdowns` : ''}` : 'not in the reference';
  const delta = ref
    ? [`energy ${pct(mine.energy, ref.energyKWh)}`, ref.migrations > 0 ? `migrations ${pct(mine.migrations, ref.migrations)}` : `migrations ${mine.migrations}`, ...(ref.hostShutdowns ? [`shutdowns ${pct(mine.shutdowns, ref.hostShutdowns)}`] : [])].join(', ')
    : '-';
  console.log(`| ${policy} | ${fig(own[policy])} | ${fig(mine)} | ${theirs} | ${delta} |`);
}

console.log('\n| policy | rackplan default | rackplan compat | CloudSim 3.0.3 |');
console.log('|---|---|---|---|');
for (const policy of POLICIES.filter((p) => compat[p].migrations > 0)) {
  const ref = reference.find((r) => r.policy === policy);
  const theirs = ref?.slatahPercent !== undefined ? `SLATAH ${ref.slatahPercent.toFixed(2)}%, PDM ${ref.pdmPercent.toFixed(2)}%` : 'not in the reference';
  console.log(`| ${policy} | ${slaOf(own[policy])} | ${slaOf(compat[policy])} | ${theirs} |`);
}

if (args.includes('--switches')) {
  console.log('\n| switch off | policy | compat, that switch off | change vs all switches on |');
  console.log('|---|---|---|---|');
  for (const [name, policies] of Object.entries(SWITCHES)) {
    for (const policy of policies) {
      const off = await run(`cloudsim/planetlab-${policy}.json`, { [name]: false });
      const on = compat[policy];
      const migrations = on.migrations > 0 ? pct(off.migrations, on.migrations) : `${off.migrations - on.migrations}`;
      const sla = name === 'destinationSlatah' || name === 'pooledPdm' ? `, ${slaOf(off)} (on: ${slaOf(on)})` : '';
      console.log(`| ${name} | ${policy} | ${fig(off)} | energy ${pct(off.energy, on.energy)}, migrations ${migrations}, shutdowns ${pct(off.shutdowns, on.shutdowns)}${sla} |`);
    }
  }
}
