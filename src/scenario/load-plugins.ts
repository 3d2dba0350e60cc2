import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../common/input-error.js';
import { PluginError } from '../common/plugin-error.js';
import { overloadDetectorNames } from '../migration/detector-registry.js';
import { vmSelectorNames } from '../migration/selector-registry.js';
import { placementPolicyNames } from '../placement/registry.js';
import { guardDetector, guardFailureModel, guardPlacementPolicy, guardSelector } from './plugin-guards.js';
import { NO_PLUGINS, type PluginModule, type PluginSet } from './plugin-set.js';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const KINDS = ['placementPolicies', 'overloadDetectors', 'vmSelectors', 'failureModels'] as const;

/** Imports plug-in modules (absolute paths, or relative to `cwd`) and checks what they export. */
export async function loadPlugins(paths: readonly string[] | undefined, cwd = '.'): Promise<PluginSet> {
  if (!paths || paths.length === 0) return NO_PLUGINS;
  const modules: { source: string; exports: PluginModule }[] = [];
  for (const path of paths) {
    const source = resolve(cwd, path);
    let loaded: Record<string, unknown>;
    try {
      loaded = (await import(pathToFileURL(source).href)) as Record<string, unknown>;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ERR_MODULE_NOT_FOUND' ? 'no such module' : error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new InputError(`cannot import plug-in module: ${why}`, { file: source });
    }
    const exports = (KINDS.some((k) => k in loaded) ? loaded : (loaded['default'] ?? {})) as PluginModule;
    modules.push({ source, exports });
  }
  return pluginSetOf(modules);
}

/**
 * A checked, guarded set from modules' exports (already imported: library users may pass
 * objects). Names are kebab-case and unique across built-ins and plug-ins; a module that
 * exports none of the four lists is refused, as it is most likely a mistake.
 */
export function pluginSetOf(modules: readonly { source: string; exports: PluginModule }[]): PluginSet {
  const set = { modules: modules.map((m) => m.source), placement: new Map(), detectors: new Map(), selectors: new Map(), failureModels: new Map() };
  for (const { source, exports } of modules) {
    if (!KINDS.some((k) => Array.isArray(exports[k]))) {
      throw new InputError(`a plug-in module exports at least one of ${KINDS.join(', ')} (arrays)`, { file: source });
    }
    const add = <T>(map: Map<string, T>, builtIns: string[], list: readonly { name: string }[] | undefined, guard: (p: never, s: string) => T) => {
      for (const plugin of list ?? []) {
        const name = plugin?.name;
        if (typeof name !== 'string' || !NAME.test(name)) throw new InputError(`plug-in name ${JSON.stringify(name)} must be kebab-case (a-z, 0-9, -)`, { file: source });
        if (builtIns.includes(name) || map.has(name)) throw new PluginError(name, source, 'the name is already taken by a built-in or another plug-in');
        map.set(name, guard(plugin as never, source));
      }
    };
    add(set.placement, placementPolicyNames(), exports.placementPolicies, guardPlacementPolicy);
    add(set.detectors, overloadDetectorNames(), exports.overloadDetectors, guardDetector);
    add(set.selectors, vmSelectorNames(), exports.vmSelectors, guardSelector);
    add(set.failureModels, [], exports.failureModels, guardFailureModel);
  }
  return set;
}

/** Both sets together (a scenario's modules and a library caller's); a name in both fails. */
export function mergePluginSets(a: PluginSet, b: PluginSet): PluginSet {
  if (a.modules.length === 0) return b;
  if (b.modules.length === 0) return a;
  const merge = <T>(x: ReadonlyMap<string, T>, y: ReadonlyMap<string, T>) => {
    const out = new Map(x);
    for (const [name, value] of y) {
      if (out.has(name)) throw new InputError(`plug-in "${name}" is given twice`);
      out.set(name, value);
    }
    return out;
  };
  return {
    modules: [...a.modules, ...b.modules],
    placement: merge(a.placement, b.placement),
    detectors: merge(a.detectors, b.detectors),
    selectors: merge(a.selectors, b.selectors),
    failureModels: merge(a.failureModels, b.failureModels),
  };
}
