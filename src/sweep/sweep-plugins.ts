import { dirname, resolve } from 'node:path';
import { loadPlugins } from '../scenario/load-plugins.js';
import { loadScenario } from '../scenario/load-scenario.js';
import type { PluginSet } from '../scenario/plugin-set.js';
import { loadSweepSpec } from './sweep-spec.js';

/**
 * The plug-ins a sweep's scenario names, loaded so that its runs' names can be checked before
 * anything runs. Each executor (thread, shard) loads them again from the paths its runs carry.
 */
export async function sweepPlugins(file: string): Promise<PluginSet> {
  const sweep = loadSweepSpec(file);
  const scenario = loadScenario(resolve(dirname(sweep.file), sweep.spec.scenario));
  return loadPlugins(scenario.spec.plugins);
}
