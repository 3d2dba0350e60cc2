#!/usr/bin/env node
// Usage: node scripts/simulate-synthetic.mjs <vms> <days> [--skip-simulation]
// Generates `rackplan synth`'s workload in memory (seed 1) and replays it as `npm run bench`'s
// replay does: R740 hosts (one per 15 VMs), best fit, idle hosts off, 5-minute report ticks.
// Prints the simulation's wall and CPU seconds and its energy (the same for the same build).
// Made to be run under a cache simulator, whose counts do not depend on what else the machine
// runs, e.g.:
//   valgrind --tool=cachegrind --cache-sim=yes --D1=32768,8,64 --LL=524288,8,64 \
//     node scripts/simulate-synthetic.mjs 10000 0.5
// and the same with --skip-simulation, to subtract generating the workload and starting up.
import { loadCatalog } from '../dist/model/catalog.js';
import { buildDatacenter, uniformTopology } from '../dist/model/datacenter.js';
import { benchReplay } from '../dist/cli/bench/replay-benchmark.js';
import { synthesizeWorkload } from '../dist/traces/synthetic-workload.js';

const [vmsArg, daysArg, flag] = process.argv.slice(2);
const vms = Number(vmsArg);
const days = Number(daysArg);
if (!(Number.isInteger(vms) && vms > 0 && days > 0) || (flag !== undefined && flag !== '--skip-simulation')) {
  console.error('usage: node scripts/simulate-synthetic.mjs <vms> <days> [--skip-simulation]');
  process.exit(2);
}
const workload = synthesizeWorkload({ vms, days, seed: 1 });
const dc = buildDatacenter(uniformTopology('dell-poweredge-r740', Math.ceil(vms / 15), 'kvm'), loadCatalog(), 'synthetic');
if (flag === '--skip-simulation') process.exit(0);
const start = performance.now();
const cpu = process.cpuUsage();
const record = benchReplay(workload, dc);
const used = process.cpuUsage(cpu);
const seconds = (performance.now() - start) / 1000;
console.log(`simulation: ${seconds.toFixed(3)} s wall, ${(used.user / 1e6).toFixed(3)} s CPU; energy ${record.meter.powerInt.toExponential(9)} W.ms`);
