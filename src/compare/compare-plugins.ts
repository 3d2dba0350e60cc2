import { dirname, resolve } from 'node:path';
import { modelPath } from '../model/builtin-models.js';
import { loadSpec } from '../model/load-spec.js';
import { loadPlugins } from '../scenario/load-plugins.js';
import { NO_PLUGINS, type PluginSet } from '../scenario/plugin-set.js';
import { CompareSpecSchema } from './compare-spec.js';

/** The plug-ins a compare spec names (paths relative to the spec file), loaded; none without a spec. */
export async function comparePlugins(named: string | null, cwd = '.'): Promise<PluginSet> {
  if (named === null) return NO_PLUGINS;
  const file = modelPath('scenarios', named, cwd);
  const spec = loadSpec(file, CompareSpecSchema);
  return spec.plugins ? loadPlugins(spec.plugins, dirname(resolve(file))) : NO_PLUGINS;
}
