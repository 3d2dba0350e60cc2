import { dirname, resolve } from 'node:path';
import { loadSpec } from '../model/load-spec.js';
import { loadPlugins } from '../scenario/load-plugins.js';
import { NO_PLUGINS, type PluginSet } from '../scenario/plugin-set.js';
import { CompareSpecSchema } from './compare-spec.js';

/** The plug-ins a compare spec names (paths relative to the spec file), loaded; none without a spec. */
export async function comparePlugins(file: string | null): Promise<PluginSet> {
  if (file === null) return NO_PLUGINS;
  const spec = loadSpec(file, CompareSpecSchema);
  return spec.plugins ? loadPlugins(spec.plugins, dirname(resolve(file))) : NO_PLUGINS;
}
