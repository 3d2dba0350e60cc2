import { InputError } from '../common/input-error.js';
import { overloadDetectorNames } from '../migration/detector-registry.js';
import { vmSelectorNames } from '../migration/selector-registry.js';
import { ScenarioSpecSchema } from '../scenario/scenario-spec.js';
import { NO_PLUGINS, type PluginSet } from '../scenario/plugin-set.js';
import type { ConsolidationSpec } from '../scenario/simulation-settings-of.js';

export type { ConsolidationSpec } from '../scenario/simulation-settings-of.js';

/** The name of "no dynamic consolidation": VMs stay where placement put them. */
export const NO_CONSOLIDATION = 'none';

/**
 * A dynamic-consolidation policy by name, as the classic PlanetLab scenarios are named:
 * `<detector>-<selection>-<safety>` (`lr-mmt-1.2`, `thr-mmt-0.8`), or `none`. The rest of the
 * block (interval 300 s, fallback threshold 0.7, underload evacuation, 30 rounds of history)
 * takes the defaults of a scenario file's `consolidation`. Unknown names fail with the valid ones.
 */
export function parseConsolidationPolicy(name: string, where: { file?: string; field?: string } = {}, plugins: PluginSet = NO_PLUGINS): ConsolidationSpec | null {
  if (name === NO_CONSOLIDATION) return null;
  const detectors = overloadDetectorNames(plugins.detectors);
  const selectors = vmSelectorNames(plugins.selectors);
  const match = /^([a-z0-9-]+)-(\d+(?:\.\d+)?)$/.exec(name);
  const parts = match ? match[1]!.split('-') : [];
  if (parts.length < 2) {
    throw new InputError(
      `unknown consolidation policy "${name}"; valid: ${NO_CONSOLIDATION}, or <detector>-<selection>-<safety> with detector ` +
        `${detectors.join('|')} and selection ${selectors.join('|')} (e.g. lr-mmt-1.2, thr-mmt-0.8)`,
      where,
    );
  }
  // Plug-in names may hold hyphens: the split whose both halves are known names wins.
  const splits = parts.slice(1).map((_, i) => [parts.slice(0, i + 1).join('-'), parts.slice(i + 1).join('-')] as const);
  const known = splits.find(([o, s]) => detectors.includes(o) && selectors.includes(s));
  const detail = (what: string, valid: string[]) =>
    new InputError(`unknown ${what} in consolidation policy "${name}"; valid: ${valid.join(', ')}`, where);
  if (!known) {
    const [overload, selection] = splits.find(([o]) => detectors.includes(o)) ?? splits[0]!;
    if (!detectors.includes(overload)) throw detail(`overload detector "${overload}"`, detectors);
    throw detail(`VM selection "${selection}"`, selectors);
  }
  const [overload, selection] = known;
  const safety = Number(match![2]);
  if (!(safety > 0)) throw new InputError(`consolidation policy "${name}": the safety parameter must be above 0`, where);
  return ScenarioSpecSchema.shape.consolidation.unwrap().parse({ overload, selection, safety });
}

/** `lr-mmt-1.2` for a block, `none` for null: the policy's name as parseConsolidationPolicy reads it. */
export function consolidationPolicyName(spec: ConsolidationSpec | null): string {
  return spec ? `${spec.overload}-${spec.selection}-${spec.safety}` : NO_CONSOLIDATION;
}
