import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../model/catalog.js';
import { BUILTIN_MODELS_DIR } from '../../model/catalog.js';
import { loadScenario } from '../../scenario/load-scenario.js';
import { loadDatacenter, loadScenarioTrace, runOnDatacenter } from '../../scenario/run-scenario.js';

export interface PlanetlabBenchmark {
  seconds: number;
  migrations: number;
  energyKWh: number;
}

/**
 * A PlanetLab scenario (by default the classic lr-mmt-1.2 run: 1,052 VMs, 800 hosts, 24 h) on the
 * shared trace, timed without trace loading (best of `repeats`). `scenarioFile` is relative to
 * models/scenarios. Null, with the reason printed, when the trace is absent.
 */
export async function planetlabBenchmark(
  sharedTraces: string,
  cacheDir: string,
  scenarioFile = 'planetlab-lr-mmt-1.2.json',
  repeats = 3,
): Promise<PlanetlabBenchmark | null> {
  const day = join(sharedTraces, 'planetlab', '20110303');
  if (!existsSync(day)) {
    process.stdout.write(`planetlab: skipped, ${day} is absent\n`);
    return null;
  }
  const scenario = loadScenario(join(BUILTIN_MODELS_DIR, 'scenarios', scenarioFile), { trace: day });
  const workload = await loadScenarioTrace(scenario, cacheDir);
  const catalog = loadCatalog();
  let best: PlanetlabBenchmark | null = null;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    const result = runOnDatacenter(scenario, workload, loadDatacenter(scenario, catalog), catalog);
    const seconds = (performance.now() - start) / 1000;
    if (!best || seconds < best.seconds) best = { seconds, migrations: result.summary.migrations, energyKWh: result.summary.energyKWh };
  }
  return best;
}
