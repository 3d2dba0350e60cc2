import type { FailureModel } from '../failures/failure-model.js';
import type { OverloadDetector } from '../migration/overload-detector.js';
import type { VmSelector } from '../migration/vm-selector.js';
import type { PlacementPolicy } from '../placement/placement-policy.js';
import type { FilterPlugin, ScorePlugin } from '../placement/plugins.js';
import type { PlacementRequest, PlacementView } from '../placement/placement-view.js';

/**
 * A placement policy as a plug-in module writes it: scorers (and extra filters) over the
 * built-in pipeline - filter, score, normalize to 0..100 per scorer, weight, lowest host index
 * on ties - or a whole policy, `choose`, that returns a host index (or -1 for none).
 */
export interface PlacementPolicyPlugin {
  /** Kebab-case; must not be the name of a built-in or of another plug-in. */
  readonly name: string;
  readonly description?: string;
  /** Place a batch largest-first instead of in arrival order (default false). */
  readonly decreasing?: boolean;
  readonly scorers?: readonly { plugin: ScorePlugin; weight: number }[];
  readonly filters?: readonly FilterPlugin[];
  readonly choose?: (view: PlacementView, request: PlacementRequest) => number;
}

/** What a plug-in module exports (as named exports, or as its default export). */
export interface PluginModule {
  placementPolicies?: readonly PlacementPolicyPlugin[];
  overloadDetectors?: readonly OverloadDetector[];
  vmSelectors?: readonly VmSelector[];
  failureModels?: readonly FailureModel[];
}

/**
 * The plug-ins of a run, by name, checked and guarded (an error in one names it). Passed to
 * wherever a name is looked up, never registered globally: worker threads load the same set
 * from the module paths a task carries (`spec.plugins`).
 */
export interface PluginSet {
  /** Absolute paths of the modules, in the order given. */
  readonly modules: readonly string[];
  readonly placement: ReadonlyMap<string, PlacementPolicy>;
  readonly detectors: ReadonlyMap<string, OverloadDetector>;
  readonly selectors: ReadonlyMap<string, VmSelector>;
  readonly failureModels: ReadonlyMap<string, FailureModel>;
}

export const NO_PLUGINS: PluginSet = { modules: [], placement: new Map(), detectors: new Map(), selectors: new Map(), failureModels: new Map() };

/** Types a plug-in module's exports in TypeScript; returns them unchanged. */
export function definePlugins(module: PluginModule): PluginModule {
  return module;
}
